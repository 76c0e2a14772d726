package io.carapulse.core.evidence;

import static io.carapulse.core.support.People.OLIVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.support.Steps;
import io.carapulse.core.support.TestClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The backoff is the follow-up's own, stored with it: an attempt is never made before the stored time,
 * however often the task is woken, and each attempt that finds nothing doubles the wait up to the cap,
 * until the time the tool allowed is up. Driven by moving the test clock, with backoffs of hours the
 * scheduler never reaches during the test.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.test.trail-tool", value = "true")
@Property(name = "carapulse.evidence.follow-up.first-delay", value = "1h")
@Property(name = "carapulse.evidence.follow-up.max-delay", value = "6h")
class FollowUpBackoffTest {

    @Inject PlanService plans;
    @Inject ExecutionService executions;
    @Inject FollowUpRepository repository;
    @Inject FollowUpRunner runner;
    @Inject ScriptedFollowUp followUp;
    @Inject TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldNeverAttemptBeforeTheStoredBackoffAndDoubleItUpToTheCapUntilItGivesUp() throws InterruptedException {
        String key = FollowUpContract.key();
        FollowUpEntity stored = storedFollowUp(key);
        assertThat(stored.status()).isEqualTo(FollowUpStatus.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.nextAttemptAt()).isEqualTo(stored.createdAt().plus(Duration.ofHours(1)));

        assertThat(runner.attempt(stored.id())).as("woken early").contains(stored.nextAttemptAt());
        assertThat(followUp.attempts(key)).isZero();

        clock.advance(Duration.ofHours(1));
        Optional<Instant> second = runner.attempt(stored.id());
        FollowUpEntity once = repository.findById(stored.id()).orElseThrow();
        assertThat(followUp.attempts(key)).isEqualTo(1);
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(once.nextAttemptAt()).isEqualTo(once.lastAttemptAt().plus(Duration.ofHours(2)));
        assertThat(second).contains(once.nextAttemptAt());
        assertThat(runner.attempt(stored.id())).as("woken again at once").contains(once.nextAttemptAt());
        assertThat(followUp.attempts(key)).isEqualTo(1);

        clock.advance(Duration.ofHours(2));
        runner.attempt(stored.id());
        FollowUpEntity twice = repository.findById(stored.id()).orElseThrow();
        assertThat(twice.nextAttemptAt()).isEqualTo(twice.lastAttemptAt().plus(Duration.ofHours(4)));

        clock.advance(Duration.ofHours(4));
        runner.attempt(stored.id());
        FollowUpEntity capped = repository.findById(stored.id()).orElseThrow();
        assertThat(capped.nextAttemptAt()).isEqualTo(capped.lastAttemptAt().plus(Duration.ofHours(6)));
        assertThat(capped.status()).isEqualTo(FollowUpStatus.PENDING);

        clock.advance(Duration.ofHours(17));
        assertThat(runner.attempt(stored.id())).as("the last attempt, at the time it gives up").isEmpty();
        FollowUpEntity ended = repository.findById(stored.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(FollowUpStatus.NOT_FOUND);
        assertThat(ended.attempts()).isEqualTo(4);
        assertThat(ended.nextAttemptAt()).isNull();
        assertThat(ended.summary()).startsWith("nothing found within 24h (4 attempts)");

        assertThat(runner.attempt(stored.id())).as("an ended follow-up is never attempted again").isEmpty();
        assertThat(followUp.attempts(key)).isEqualTo(4);
    }

    private FollowUpEntity storedFollowUp(String key) throws InterruptedException {
        StepSpec touch = new StepSpec("trail", "touch", Steps.args("kind", ScriptedFollowUp.KIND, "key", key,
                "answers", "not_yet", "giveUpMillis", Duration.ofDays(1).toMillis()), "act", null, null);
        PlanEntity plan = plans.create(OLIVER, new PlanCreateRequest("dev", "trail", List.of(touch)));
        String executionId = executions.start(OLIVER, plan.id()).id();
        assertThat(executions.awaitSettled(executionId, Duration.ofSeconds(30)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        List<FollowUpEntity> stored = repository.findByExecutionIdOrderByOrdinal(executionId);
        assertThat(stored).hasSize(1);
        return stored.get(0);
    }
}
