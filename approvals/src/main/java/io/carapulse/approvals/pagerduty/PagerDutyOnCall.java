package io.carapulse.approvals.pagerduty;

import io.carapulse.api.approval.OnCallDirectory;
import jakarta.inject.Singleton;
import java.util.Locale;

/** Current on-calls from PagerDuty's REST {@code oncalls}, with users included to read their emails. */
@Singleton
public class PagerDutyOnCall implements OnCallDirectory {

    private final PagerDutyClient client;

    public PagerDutyOnCall(PagerDutyConfiguration config) {
        this.client = new PagerDutyClient(config);
    }

    @Override
    public boolean isOnCall(String email, OnCallTarget target) {
        String param = target.kind() == OnCallTarget.Kind.SCHEDULE ? "schedule_ids" : "escalation_policy_ids";
        String wanted = email.toLowerCase(Locale.ROOT);
        return client.onCallEmails(param, target.id()).stream()
                .anyMatch(e -> e.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
