package io.carapulse.llm.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallPolicyTest {

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final AtomicInteger attempts = new AtomicInteger();

    private static Failure unavailable(Exception e) {
        return Failure.of(new LlmException.Unavailable(e.getMessage(), null));
    }

    private <T> T failing(Duration ignored) {
        attempts.incrementAndGet();
        throw new IllegalStateException("down " + attempts.get());
    }

    @Test
    void shouldRetryARetriableFailureUpToTheLimitWithGrowingBackoff() {
        CallPolicy policy = new CallPolicy(3, Duration.ofMinutes(1), sleeper);

        assertThatThrownBy(() -> policy.run(policy.deadline(Duration.ofMinutes(1)), this::failing,
                CallPolicyTest::unavailable, () -> false))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessage("down 4 (gave up after 4 attempts)");
        assertThat(attempts).hasValue(4);
        assertThat(sleeper.waits()).hasSize(3);
        assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(sleeper.waits().get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
        assertThat(sleeper.waits().get(2)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
    }

    @Test
    void shouldCapTheBackoffAtEightSeconds() {
        assertThat(CallPolicy.backoff(30)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8));
    }

    @Test
    void shouldNeverRetryAPermanentFailure() {
        CallPolicy policy = new CallPolicy(3, Duration.ofMinutes(1), sleeper);

        assertThatThrownBy(() -> policy.run(policy.deadline(Duration.ofMinutes(1)), this::failing,
                e -> Failure.of(new LlmException.RequestRejected("no")), () -> false))
                .isInstanceOf(LlmException.RequestRejected.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldNotRetryWhatTheClassifierSaysNotTo() {
        CallPolicy policy = new CallPolicy(3, Duration.ofMinutes(1), sleeper);

        assertThatThrownBy(() -> policy.run(policy.deadline(Duration.ofMinutes(1)), this::failing,
                e -> Failure.noRetry(new LlmException.Unavailable("limit", null)), () -> false))
                .isInstanceOf(LlmException.Unavailable.class).hasMessage("limit");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldNotRetryOnceTextWasShown() {
        CallPolicy policy = new CallPolicy(3, Duration.ofMinutes(1), sleeper);

        assertThatThrownBy(() -> policy.run(policy.deadline(Duration.ofMinutes(1)), this::failing,
                CallPolicyTest::unavailable, () -> true))
                .isInstanceOf(LlmException.Unavailable.class).hasMessage("down 1");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldWaitWhatTheServerAskedFor() {
        CallPolicy policy = new CallPolicy(1, Duration.ofMinutes(1), sleeper);

        assertThatThrownBy(() -> policy.run(policy.deadline(Duration.ofMinutes(1)), this::failing,
                e -> Failure.after(new LlmException.Unavailable("busy", null), Duration.ofSeconds(7)), () -> false))
                .isInstanceOf(LlmException.Unavailable.class);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void shouldGiveUpAtOnceWhenTheWaitWouldOutlastTheDeadline() {
        CallPolicy policy = new CallPolicy(5, Duration.ofMinutes(1), sleeper);

        assertThatThrownBy(() -> policy.run(policy.deadline(Duration.ofSeconds(30)), this::failing,
                e -> Failure.after(new LlmException.Unavailable("busy", null), Duration.ofMinutes(10)), () -> false))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessage("busy");
        assertThat(attempts).hasValue(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void shouldGiveEachAttemptOnlyTheTimeLeftAndCutTheRequestToTheMaximum() {
        CallPolicy policy = new CallPolicy(0, Duration.ofSeconds(10), sleeper);

        Duration given = policy.run(policy.deadline(Duration.ofHours(1)), timeLeft -> timeLeft,
                CallPolicyTest::unavailable, () -> false);

        assertThat(given).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(policy.deadline(Duration.ofSeconds(3)).timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldLetABugThroughUnchanged() {
        CallPolicy policy = new CallPolicy(3, Duration.ofMinutes(1), sleeper);
        IllegalStateException bug = new IllegalStateException("bug");

        assertThatThrownBy(() -> policy.run(policy.deadline(Duration.ofMinutes(1)), t -> {
            throw bug;
        }, e -> {
            throw (RuntimeException) e;
        }, () -> false)).isSameAs(bug);
    }
}
