package io.carapulse.core.plan;

import java.util.Locale;
import java.util.Optional;

/** Whether a step changes things ({@code act}) or checks them ({@code verify}). */
public enum Stage {
    ACT,
    VERIFY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Stage> fromWire(String value) {
        if (value == null) {
            return Optional.of(ACT);
        }
        return switch (value) {
            case "act" -> Optional.of(ACT);
            case "verify" -> Optional.of(VERIFY);
            default -> Optional.empty();
        };
    }
}
