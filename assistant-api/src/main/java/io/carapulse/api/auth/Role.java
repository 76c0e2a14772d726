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

    /** A role as the API spells it, exactly: {@code admin}, never {@code ADMIN} or {@code " admin"}. */
    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.wire().equals(value)).findFirst();
    }

    /** A role as a person writes it in configuration (YAML, group mappings): case and spaces forgiven. */
    public static Optional<Role> fromConfig(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return fromWire(value.trim().toLowerCase(Locale.ROOT));
    }
}
