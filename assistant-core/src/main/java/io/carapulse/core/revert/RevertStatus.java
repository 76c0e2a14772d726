package io.carapulse.core.revert;

/** Where a scheduled revert stands; once STARTED its execution says how it went. */
public enum RevertStatus {
    /** Waiting for its time (or to be run now, extended or cancelled). */
    SCHEDULED,
    /** Its system plan and execution exist; they run (and are recovered) as any execution. */
    STARTED,
    /** Cancelled by an approver: the change stays as it is. */
    CANCELLED
}
