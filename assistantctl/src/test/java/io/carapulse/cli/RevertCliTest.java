package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.People;
import org.junit.jupiter.api.Test;

/**
 * A time-boxed change from the CLI alone: Alice scales web for 90 minutes with {@code --revert-after}, Bob
 * approves the plan (and so its expiry), the revert is listed; Alice may not extend her own change, Bob may;
 * a cancel needs a reason; Alice runs the revert now and it ends as a system execution; it cannot run twice.
 */
class RevertCliTest {

    private final People people = People.onSharedServer();

    @Test
    void shouldTimeBoxAStepAndManageItsRevert() {
        Ctl.Result created = people.alice.run("plan", "create", "--env", "prod",
                "--step", "fake.scale", "name=web", "replicas=6", "--revert-after", "90m", "-o", "json");
        assertThat(created.code()).as(created.toString()).isZero();
        String planId = created.json().get("id").asText();
        assertThat(created.json().at("/steps/0/revertAfter").asText()).isEqualTo("90m");
        Ctl.Result shown = people.vera.run("plan", "show", planId);
        assertThat(shown.out()).contains("Step 0 is time-boxed: reverted 90m after the execution succeeds");
        Ctl.Result misplaced = people.alice.run("plan", "create", "--env", "prod", "--revert-after", "1h",
                "--step", "fake.scale", "name=web", "replicas=6");
        assertThat(misplaced.code()).as(misplaced.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(misplaced.err()).contains("--revert-after belongs right after a --step");

        assertThat(people.bob.run("plan", "approve", planId).code()).isZero();
        Ctl.Result run = people.alice.run("plan", "execute", planId, "--follow");
        assertThat(run.code()).as(run.toString()).isZero();
        String executionId = people.vera.run("plan", "show", planId, "-o", "json").json().get("executionId").asText();

        String revert = null;
        for (JsonNode r : people.vera.run("revert", "list", "--status", "SCHEDULED", "-o", "json").json().get("items")) {
            if (r.get("executionId").asText().equals(executionId)) {
                revert = r.get("id").asText();
            }
        }
        assertThat(revert).as("the change's revert is scheduled").isNotNull();
        assertThat(people.vera.run("revert", "list").out()).contains(revert, "SCHEDULED",
                "fake.scale {\"name\":\"web\",\"replicas\":");

        Ctl.Result own = people.alice.run("revert", "extend", revert, "--revert-after", "3h");
        assertThat(own.code()).as(own.toString()).isEqualTo(ExitCode.FORBIDDEN.code());
        Ctl.Result extended = people.bob.run("revert", "extend", revert, "--revert-after", "3h", "--note", "long launch");
        assertThat(extended.code()).as(extended.toString()).isZero();
        assertThat(extended.out()).contains("revert " + revert + " now due ");
        Ctl.Result noReason = people.bob.run("revert", "cancel", revert);
        assertThat(noReason.code()).isEqualTo(ExitCode.USAGE.code());

        Ctl.Result now = people.alice.run("revert", "run", revert, "--note", "done early");
        assertThat(now.code()).as(now.toString()).isZero();
        String status = "";
        for (int i = 0; i < 200 && !status.startsWith("STARTED (SUCCEEDED)"); i++) {
            status = people.vera.run("revert", "show", revert).out().lines().filter(l -> l.startsWith("Status:"))
                    .findFirst().orElse("").substring("Status:".length()).strip();
            sleep();
        }
        assertThat(status).isEqualTo("STARTED (SUCCEEDED)");
        Ctl.Result twice = people.alice.run("revert", "run", revert);
        assertThat(twice.code()).as(twice.toString()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(twice.err()).startsWith("error: invalid_state: ");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
