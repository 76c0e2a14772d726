package io.carapulse.core.audit;

/** Whether an audited decision let the request through. */
public enum Decision {
    ALLOW,
    DENY
}
