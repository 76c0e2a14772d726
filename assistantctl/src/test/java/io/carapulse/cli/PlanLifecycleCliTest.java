package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.People;
import io.carapulse.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop from the CLI alone, against a real server: Alice proposes, may not approve her own
 * plan in prod, cannot run it unapproved; Bob approves; Alice executes and follows it to the end; the
 * evidence and the audit show what happened.
 */
class PlanLifecycleCliTest {

    private final People people = People.onSharedServer();

    @Test
    void shouldTakeAPlanFromProposalToEvidenceWithTwoPeople(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, """
                environment: prod
                summary: scale web to 3 and check it
                steps:
                  - tool: fake
                    action: scale
                    args: {name: web, replicas: 3}
                  - tool: fake
                    action: get
                    stage: verify
                    args: {name: web}
                    assert: {pointer: /replicas, op: eq, value: 3}
                """);

        Ctl.Result created = people.alice.run("plan", "create", "-f", file.toString(), "-o", "json");
        assertThat(created.code()).as(created.toString()).isZero();
        JsonNode plan = created.json();
        String id = plan.get("id").asText();
        assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(plan.at("/steps/0/class").asText()).isEqualTo("WRITE");
        assertThat(plan.at("/steps/1/stage").asText()).isEqualTo("verify");
        assertThat(created.err()).contains("assistantctl plan approve " + id);

        Ctl.Result shown = people.vera.run("plan", "show", id);
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).contains(id, "AWAITING_APPROVAL", "fake.scale", "WRITE", "/replicas eq 3",
                plan.get("fingerprint").asText(), "PENDING via local");

        assertThat(people.bob.run("approvals", "list").out()).contains(id);

        Ctl.Result tooEarly = people.alice.run("plan", "execute", id);
        assertThat(tooEarly.code()).as(tooEarly.toString()).isEqualTo(ExitCode.APPROVAL_REQUIRED.code());
        assertThat(tooEarly.err()).startsWith("error: approval_required: ");

        Ctl.Result selfApproval = people.alice.run("plan", "approve", id);
        assertThat(selfApproval.code()).as(selfApproval.toString()).isEqualTo(ExitCode.FORBIDDEN.code());
        assertThat(selfApproval.err()).contains("self_approval_forbidden");

        Ctl.Result approved = people.bob.run("plan", "approve", id, "--note", "looks right",
                "--fingerprint", plan.get("fingerprint").asText());
        assertThat(approved.code()).as(approved.toString()).isZero();
        assertThat(approved.out()).contains("plan " + id + " APPROVED");

        Ctl.Result run = people.alice.run("plan", "execute", id, "--follow");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("[0 act] fake.scale (WRITE) started", "[0 act] fake.scale SUCCEEDED",
                "[1 verify] fake.get (READ) started", "[1 verify] fake.get SUCCEEDED");
        assertThat(run.out().strip()).endsWith("execution SUCCEEDED");

        String executionId = people.vera.run("plan", "show", id, "-o", "json").json().get("executionId").asText();
        assertThat(people.vera.run("exec", "show", executionId).out()).contains("SUCCEEDED", "fake.scale", "fake.get");
        assertThat(people.vera.run("exec", "list", "--plan", id).out()).contains(executionId);

        Ctl.Result evidence = people.vera.run("evidence", "list", executionId, "-o", "json");
        assertThat(evidence.code()).isZero();
        JsonNode records = evidence.json();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).at("/externalIds/resourceVersion").asText()).contains("->");
        String evidenceId = records.get(0).get("id").asText();
        Ctl.Result one = people.vera.run("evidence", "show", evidenceId);
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.out()).contains(evidenceId, executionId, "fake.scale", "sha256 " + records.get(0).get("outputSha256").asText());
        assertThat(people.vera.run("evidence", "list", executionId).out()).contains(evidenceId, "SUCCEEDED");

        Ctl.Result audit = people.vera.run("audit", "list", "--subject", id, "-o", "json");
        assertThat(audit.json().findValuesAsText("action")).contains("plan.create", "approval.decide");
        assertThat(audit.json().findValuesAsText("decision")).contains("ALLOW", "DENY");
        Ctl.Result verify = people.vera.run("audit", "verify");
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("chain intact");
    }

    @Test
    void shouldBuildAPlanFromStepWordsTypedByTheActionSchema() {
        Ctl.Result created = people.alice.run("plan", "create", "--env", "prod",
                "--step", "fake.scale", "name=web", "replicas=4",
                "--verify", "fake.get", "name=web", "--assert", "/replicas", "eq", "4", "-o", "json");
        assertThat(created.code()).as(created.toString()).isZero();
        JsonNode plan = created.json();
        assertThat(plan.at("/steps/0/args/replicas").isInt()).isTrue();
        assertThat(plan.at("/steps/0/args/name").asText()).isEqualTo("web");
        assertThat(plan.at("/steps/1/assert/value").asInt()).isEqualTo(4);
        assertThat(plan.get("summary").asText()).isEqualTo("fake.scale name=web replicas=4; fake.get name=web");

        Ctl.Result readOnly = people.alice.run("plan", "create", "--env", "prod", "--summary", "look",
                "--step", "fake.echo", "text:=\"007\"");
        assertThat(readOnly.code()).as(readOnly.toString()).isZero();
        assertThat(readOnly.out()).contains("READY", "{\"text\":\"007\"}");
        assertThat(readOnly.err()).contains("It only reads");
    }

    @Test
    void shouldStopARejectedPlanAndCancelAnotherBeforeItRuns() {
        String rejected = createScale(people.alice);
        Ctl.Result reject = people.bob.run("plan", "reject", rejected, "--note", "not today");
        assertThat(reject.code()).as(reject.toString()).isZero();
        assertThat(reject.out()).contains("REJECTED");
        Ctl.Result run = people.alice.run("plan", "execute", rejected);
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.APPROVAL_REJECTED.code());
        assertThat(run.err()).contains("approval_rejected");

        String cancelled = createScale(people.alice);
        Ctl.Result cancel = people.alice.run("plan", "cancel", cancelled);
        assertThat(cancel.code()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).contains("CANCELLED");
        Ctl.Result again = people.alice.run("plan", "cancel", cancelled);
        assertThat(again.code()).as(again.toString()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(people.vera.run("plan", "list", "--status", "cancelled", "--env", "prod").out()).contains(cancelled);
    }

    @Test
    void shouldExitWithExecutionFailedWhenAFollowedExecutionFails() {
        Ctl admin = Ctl.localTo(TestServer.shared());
        String id = admin.run("plan", "create", "--env", "dev", "--step", "fake.fail", "message=boom", "-o", "json")
                .json().get("id").asText();
        assertThat(admin.run("plan", "approve", id).code()).isZero();
        Ctl.Result run = admin.run("plan", "execute", id, "--follow");
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.EXECUTION_FAILED.code());
        assertThat(run.out()).contains("[0 act] boom", "fake.fail FAILED: tool_failed");
        assertThat(run.out().strip()).contains("execution FAILED");
    }

    @Test
    void shouldShowTheDiffAStepWillMakeWithItsDigestAndAskForApprovalOfIt() {
        String name = "cfg-" + Long.toHexString(System.nanoTime());
        Ctl.Result created = people.alice.run("plan", "create", "--env", "prod", "--step", "fake.configure",
                "name=" + name, "text=replicas: 3", "-o", "json");
        assertThat(created.code()).as(created.toString()).isZero();
        JsonNode preview = created.json().at("/steps/0/preview");
        assertThat(preview.get("diff").asText()).isEqualTo("--- a/" + name + "\n+++ b/" + name + "\n@@ -0,0 +1,1 @@\n"
                + "+replicas: 3\n");

        Ctl.Result shown = people.vera.run("plan", "show", created.json().get("id").asText());

        assertThat(shown.code()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains("Step 0 changes: 1 file, " + name + " at v0: +1 -0",
                "diff sha256 " + preview.get("diffSha256").asText(),
                "--- a/" + name + "\n+++ b/" + name + "\n@@ -0,0 +1,1 @@\n+replicas: 3\n");
    }

    static String createScale(Ctl who) {
        Ctl.Result r = who.run("plan", "create", "--env", "prod", "--step", "fake.scale", "name=web", "replicas=5",
                "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        return r.json().get("id").asText();
    }
}
