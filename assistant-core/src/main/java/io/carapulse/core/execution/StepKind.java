package io.carapulse.core.execution;

import java.util.Locale;

/** What a step run is for. */
public enum StepKind {
    ACT,
    VERIFY,
    ROLLBACK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
