package io.carapulse.core.approval;

import io.carapulse.api.approval.DecisionSource;
import io.carapulse.api.approval.PollPage;
import io.carapulse.core.common.Times;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fallback for webhooks that never arrived: asks each decision channel which of our requests still
 * waiting for a decision changed since the stored cursor, page by page, and queues a check of each
 * (a check applies a decision at most once, so a change seen by webhook and by poll is applied once).
 * The cursor moves only after a whole pass.
 */
@Singleton
public class DecisionPoller {

    static final int BATCH = 50;

    private final ApprovalProviders providers;
    private final ChannelRepository channels;
    private final PollCursorRepository cursors;
    private final ApprovalChannels outbox;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public DecisionPoller(ApprovalProviders providers, ChannelRepository channels, PollCursorRepository cursors,
                          ApprovalChannels outbox, TransactionOperations<Connection> tx, Clock clock) {
        this.providers = providers;
        this.channels = channels;
        this.cursors = cursors;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** Polls every decision channel once; returns how many checks were queued. */
    public int pollAll() {
        int queued = 0;
        for (DecisionSource source : providers.sources()) {
            queued += poll(source);
        }
        return queued;
    }

    private int poll(DecisionSource source) {
        Map<String, ChannelEntity> open = new LinkedHashMap<>();
        channels.findPollable(source.name()).forEach(c -> open.put(c.externalId(), c));
        if (open.isEmpty()) {
            return 0;
        }
        String cursor = cursors.findById(source.name()).map(PollCursorEntity::position).orElse(null);
        Instant newest = cursor == null ? null : Instant.parse(cursor);
        List<String> ids = new ArrayList<>(open.keySet());
        int queued = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            String page = null;
            do {
                PollPage p = source.changed(batch, cursor, page);
                List<ChannelEntity> changed = p.changedIds().stream().map(open::get)
                        .filter(java.util.Objects::nonNull).toList();
                tx.executeWrite(s -> {
                    changed.forEach(outbox::check);
                    return null;
                });
                queued += changed.size();
                if (p.cursor() != null && (newest == null || Instant.parse(p.cursor()).isAfter(newest))) {
                    newest = Instant.parse(p.cursor());
                }
                page = p.nextPage();
            } while (page != null);
        }
        String position = newest == null ? null : newest.toString();
        tx.executeWrite(s -> {
            Instant now = Times.now(clock);
            cursors.findById(source.name()).ifPresentOrElse(
                    c -> cursors.update(new PollCursorEntity(c.provider(), position, now, c.version())),
                    () -> cursors.save(new PollCursorEntity(source.name(), position, now, null)));
            return null;
        });
        return queued;
    }
}
