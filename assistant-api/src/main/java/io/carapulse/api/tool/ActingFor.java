package io.carapulse.api.tool;

import java.util.Objects;
import java.util.Optional;

/**
 * Whom a tool call acts for, as the credential broker needs to know it: the plan's requester (the stable actor id
 * the audit records: {@code oidc:<sub>}, {@code token:<id>}, {@code system}) and the agent the plan acts as beside
 * them, {@code runbook:<name>} for a plan a runbook made (while its steps are the runbook's). A family passes it on
 * to the broker; it never decides what the call may do.
 *
 * @param requester who asked for the plan (for a write's preview, who is making the plan)
 * @param agent     the agent the plan acts as; empty for none
 */
public record ActingFor(String requester, Optional<String> agent) {

    public ActingFor {
        Objects.requireNonNull(requester, "requester");
        agent = agent == null ? Optional.empty() : agent.filter(a -> !a.isBlank());
    }

    /** For {@code requester} alone. */
    public static ActingFor requester(String requester) {
        return new ActingFor(requester, Optional.empty());
    }
}
