package io.carapulse.api.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person or token may do. {@code admin} implies every other role.
 */
public enum Role {
    /** Reads plans, executions, evidence, audit, tools. */
    VIEWER,
    /** Creates plans and executes approved ones. */
    OPERATOR,
    /** Decides approvals. */
    APPROVER,
    /** Everything, plus tokens, break-glass and configuration views. */
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(v)).findFirst();
    }
}
