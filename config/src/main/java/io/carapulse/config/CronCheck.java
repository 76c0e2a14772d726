package io.carapulse.config;

import java.util.Optional;

/**
 * Checks the syntax of a maintenance window's cron expression at start-up. The server provides the one
 * that also evaluates the windows, so what passes here is what runs; without one (a part of the system
 * that only reads environments) only a missing expression is refused.
 */
public interface CronCheck {

    /**
     * What is wrong with {@code expression}, in a short phrase that does not repeat it; empty when it
     * is a valid six-field expression.
     */
    Optional<String> problem(String expression);
}
