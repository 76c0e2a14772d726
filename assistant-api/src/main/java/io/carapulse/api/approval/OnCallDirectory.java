package io.carapulse.api.approval;

/**
 * Who is on call now (PagerDuty). Asked at decision time when an environment requires the approver
 * to be on call (S3).
 */
public interface OnCallDirectory {

    /**
     * Whether the person with {@code email} is on call right now for {@code target}. Emails compare
     * case-insensitively.
     *
     * @throws io.carapulse.api.error.RetriableException the directory could not answer; the caller
     *         fails closed (the decision is not applied)
     * @throws io.carapulse.api.error.PermanentException the directory refused the question
     *         (credentials, unknown schedule); the caller fails closed too
     */
    boolean isOnCall(String email, OnCallTarget target);

    /**
     * A PagerDuty schedule or escalation policy.
     *
     * @param kind which of the two
     * @param id   its PagerDuty id, e.g. {@code PABC123}
     */
    record OnCallTarget(Kind kind, String id) {

        /** What the id names. */
        public enum Kind {
            SCHEDULE,
            ESCALATION_POLICY
        }

        @Override
        public String toString() {
            return (kind == Kind.SCHEDULE ? "schedule " : "escalation policy ") + id;
        }
    }
}
