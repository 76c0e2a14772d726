package io.carapulse.approvals.local;

import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.ChannelUpdate;
import jakarta.inject.Singleton;

/**
 * Decisions through Carapulse itself: {@code POST /v1/plans/{id}/approval} (the CLI and the console
 * use it). The approval record is the channel, so nothing is sent anywhere.
 */
@Singleton
public class LocalApprovalProvider implements ApprovalProvider {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean decides() {
        return true;
    }

    @Override
    public boolean announces() {
        return false;
    }

    @Override
    public ChannelRecord announce(ApprovalRequest request) {
        throw new UnsupportedOperationException("the local channel is the approval record itself; nothing is sent");
    }

    @Override
    public ChannelRecord update(ChannelRecord record, ChannelUpdate update) {
        throw new UnsupportedOperationException("the local channel is the approval record itself; nothing is sent");
    }
}
