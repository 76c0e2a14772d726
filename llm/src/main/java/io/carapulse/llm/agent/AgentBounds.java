package io.carapulse.llm.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one chat turn. Hitting one ends the turn with a clear message rather than an error.
 *
 * @param maxToolCalls       function calls the model may make in one turn
 * @param maxOutputChars     characters of one call's output that go back to the model
 * @param maxTokens          input + output tokens the turn may spend across its model calls
 * @param wallClock          how long the whole turn may take, model calls and tool calls together
 * @param maxModelCallTime   how long one model call may take (capped by what is left of the turn)
 */
public record AgentBounds(int maxToolCalls, int maxOutputChars, long maxTokens, Duration wallClock,
                          Duration maxModelCallTime) {

    public static final AgentBounds DEFAULTS =
            new AgentBounds(8, 16_000, 200_000, Duration.ofMinutes(3), Duration.ofSeconds(90));

    public AgentBounds {
        if (maxToolCalls < 0 || maxOutputChars < 256 || maxTokens < 1) {
            throw new IllegalArgumentException(
                    "agent bounds: tool calls >= 0, output chars >= 256 and tokens >= 1 are required");
        }
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(maxModelCallTime, "maxModelCallTime");
        if (wallClock.isNegative() || wallClock.isZero() || maxModelCallTime.isNegative() || maxModelCallTime.isZero()) {
            throw new IllegalArgumentException("agent bounds: durations must be positive");
        }
    }
}
