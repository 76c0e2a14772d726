package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.People;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbooks from the CLI against a real server: an admin defines one from a YAML file (recorded, then
 * unchanged, refused with each problem's path), people list and show them, and run them with {@code -p}
 * values typed by each parameter's declared type (an integer parameter gets a JSON number, a string
 * parameter keeps {@code 007} as text), refused locally when a value cannot have that type.
 */
class RunbookCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final People people = People.onSharedServer();
    private final String name = "cli-echo-" + Long.toString(System.nanoTime(), 36);

    private String echoRunbook(int maxLines) {
        return String.join("\n",
                "name: " + name,
                "description: |",
                "  Echo a text through the fake tool",
                "  and nothing else.",
                "environments: [prod]",
                "parameters:",
                "  text: {type: string, maxLength: 20, description: what to print}",
                "  lines: {type: integer, minimum: 1, maximum: " + maxLines + ", default: 1}",
                "  loud: {type: boolean, default: false}",
                "  ratio: {type: number, minimum: 0, required: false}",
                "summary: \"Echo ${params.text}\"",
                "steps:",
                "  - tool: fake",
                "    action: echo",
                "    args: {text: \"${params.text}\", lines: \"${params.lines}\"}",
                "  - tool: fake",
                "    action: echo",
                "    args: {text: LOUD}",
                "    when: {param: loud, equals: true}",
                "");
    }

    private Path write(Path dir, String file, String text) throws Exception {
        Path path = dir.resolve(file);
        Files.writeString(path, text);
        return path;
    }

    private void define(Path dir, int maxLines) throws Exception {
        Ctl.Result applied = people.admin.run("runbook", "apply", "-f", write(dir, "rb.yaml", echoRunbook(maxLines)).toString());
        assertThat(applied.code()).as(applied.toString()).isZero();
    }

    @Test
    void shouldRecordARunbookFromAFileOnceAndRefuseAnInvalidOneLineByLine(@TempDir Path dir) throws Exception {
        Path file = write(dir, "rb.yaml", echoRunbook(3));
        Ctl.Result first = people.admin.run("runbook", "apply", "-f", file.toString());
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out().strip()).isEqualTo("recorded " + name + " version 1");
        Ctl.Result same = people.admin.run("runbook", "apply", "-f", file.toString());
        assertThat(same.out().strip()).as(same.toString()).isEqualTo("unchanged: " + name + " version 1");
        Ctl.Result changed = people.admin.withStdin(echoRunbook(5)).run("runbook", "apply", "-f", "-", "-o", "json");
        assertThat(changed.code()).as(changed.toString()).isZero();
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);

        Ctl.Result notAdmin = people.alice.run("runbook", "apply", "-f", file.toString());
        assertThat(notAdmin.code()).as(notAdmin.toString()).isEqualTo(ExitCode.FORBIDDEN.code());
        assertThat(notAdmin.err()).startsWith("error: forbidden: ");

        Path bad = write(dir, "bad.yaml", String.join("\n",
                "name: " + name + "-bad",
                "description: broken",
                "owner: me",
                "parameters:",
                "  lines: {type: integer, minimum: 1, maximum: 5, default: 9}",
                "summary: Echo",
                "steps:",
                "  - tool: fake",
                "    action: launch",
                ""));
        Ctl.Result refused = people.admin.run("runbook", "apply", "-f", bad.toString());
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines()).first().isEqualTo("error: " + bad + " is not a valid runbook:");
        assertThat(refused.err().lines()).anyMatch(l -> l.startsWith("  owner: unknown"))
                .anyMatch(l -> l.equals("  parameters.lines.default: must be at most 5"))
                .anyMatch(l -> l.startsWith("  steps[0].action: "));
        assertThat(people.vera.run("runbook", "show", name + "-bad").code()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void shouldListAndShowRunbooksWithTheirParametersAndSteps(@TempDir Path dir) throws Exception {
        define(dir, 3);
        define(dir, 5);

        Ctl.Result list = people.vera.run("runbook", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow())
                .matches("NAME +VERSION +SOURCE +ENVIRONMENTS +DESCRIPTION");
        assertThat(list.out().lines()).anyMatch(l -> l.matches(name + " +2 +api +prod +Echo a text through the fake tool"))
                .anyMatch(l -> l.matches("scale-service +\\d+ +builtin +all +Set the replica count.*"));
        JsonNode items = people.vera.run("runbook", "list", "-o", "json").json().get("items");
        assertThat(items.findValuesAsText("name")).contains(name, "scale-service");

        Ctl.Result show = people.vera.run("runbook", "show", name);
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Runbook:      " + name, "Version:      2 (sha256 ", "Source:       api",
                "Environments: prod", "Summary:      Echo ${params.text}",
                "Description:  Echo a text through the fake tool\n              and nothing else.\n");
        assertThat(show.out().lines())
                .anyMatch(l -> l.matches("text +string +yes +- +length <= 20 +what to print"))
                .anyMatch(l -> l.matches("lines +integer +no +1 +1\\.\\.5 +-"))
                .anyMatch(l -> l.matches("loud +boolean +no +false +- +-"))
                .anyMatch(l -> l.matches("ratio +number +no +- +>= 0 +-"))
                .anyMatch(l -> l.matches("0 +act +fake\\.echo +\\{\"text\":\"\\$\\{params\\.text}\",\"lines\":\"\\$\\{params\\.lines}\"} +- +-"))
                .anyMatch(l -> l.matches("1 +act +fake\\.echo +\\{\"text\":\"LOUD\"} +- +params\\.loud == true"));
        assertThat(people.vera.run("runbook", "show", name, "--runbook-version", "1").out().lines())
                .anyMatch(l -> l.matches("lines +integer +no +1 +1\\.\\.3 +-"));
        assertThat(people.vera.run("runbook", "show", "scale-service").out())
                .contains("one of deployment, statefulset", "kubectl.rollout-status", "/ready eq true", "verify");
        JsonNode json = people.vera.run("runbook", "show", name, "-o", "json").json();
        assertThat(json.at("/parameters/lines/maximum").asInt()).isEqualTo(5);
        Ctl.Result missing = people.vera.run("runbook", "show", "no-such-runbook");
        assertThat(missing.code()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void shouldTypeEachParameterByItsDeclarationAndFollowARunThatOnlyReads(@TempDir Path dir) throws Exception {
        define(dir, 3);
        Ctl.Result ran = people.alice.run("runbook", "run", name, "-e", "prod", "-p", "text=007", "-p", "lines=2",
                "-p", "loud=true", "-p", "ratio=0.5", "--follow");
        assertThat(ran.code()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("Origin:", "runbook " + name + " v1 (api) params ",
                "[0 act] fake.echo (READ) started", "[0 act] 007", "[1 act] LOUD");
        assertThat(ran.out().strip()).endsWith("execution SUCCEEDED");
        String planId = ran.out().lines().filter(l -> l.startsWith("Plan:")).findFirst().orElseThrow().split("\\s+")[1];
        JsonNode origin = people.vera.run("plan", "show", planId, "-o", "json").json().get("origin");
        assertThat(origin.get("params")).isEqualTo(JSON.readTree("{\"text\":\"007\",\"lines\":2,\"loud\":true,\"ratio\":0.5}"));
        assertThat(origin.at("/params/text").isTextual()).as("a string parameter is never parsed").isTrue();
        assertThat(origin.at("/params/lines").isIntegralNumber()).isTrue();

        Ctl.Result started = people.alice.run("runbook", "run", name, "-e", "prod", "-p", "text=hi", "-o", "json");
        assertThat(started.code()).as(started.toString()).isZero();
        assertThat(started.json().get("executionId").asText()).startsWith("exe_");
        assertThat(started.json().at("/plan/origin/params")).isEqualTo(JSON.readTree("{\"text\":\"hi\",\"lines\":1,\"loud\":false}"));
        assertThat(started.err()).contains("assistantctl exec logs " + started.json().get("executionId").asText() + " --follow");

        Path params = write(dir, "params.json", "{\"text\": \"from file\", \"lines\": 3}");
        Ctl.Result fromFile = people.alice.run("runbook", "run", name, "-e", "prod", "--params-file", params.toString(),
                "-p", "lines=2", "-o", "json");
        assertThat(fromFile.code()).as(fromFile.toString()).isZero();
        assertThat(fromFile.json().at("/plan/origin/params/text").asText()).isEqualTo("from file");
        assertThat(fromFile.json().at("/plan/origin/params/lines").asInt()).as("-p overrides the file").isEqualTo(2);
    }

    @Test
    void shouldRefuseAValueThatCannotHaveTheParametersTypeBeforeAskingTheServer(@TempDir Path dir) throws Exception {
        define(dir, 3);
        for (String[] bad : new String[][] {{"lines=2.5", "lines", "a whole number"}, {"lines=abc", "lines", "a whole number"},
                {"loud=yes", "loud", "true or false"}, {"ratio=1/2", "ratio", "a number"}}) {
            Ctl.Result r = people.alice.run("runbook", "run", name, "-e", "prod", "-p", "text=x", "-p", bad[0]);
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
            assertThat(r.err().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).isEqualTo("error: -p " + bad[0] + ": parameter " + bad[1] + " of runbook " + name
                    + " takes " + bad[2] + System.lineSeparator());
        }
        Ctl.Result noEquals = people.alice.run("runbook", "run", name, "-e", "prod", "-p", "text");
        assertThat(noEquals.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(noEquals.err()).contains("expected KEY=VALUE");

        Ctl.Result unknown = people.alice.run("runbook", "run", name, "-e", "prod", "-p", "text=x", "-p", "colour=red");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(unknown.err()).startsWith("error: validation_failed: ")
                .contains("params.colour unknown; runbook " + name + " takes text, lines, loud, ratio");
        Ctl.Result tooMany = people.alice.run("runbook", "run", name, "-e", "prod", "-p", "text=x", "-p", "lines=7");
        assertThat(tooMany.code()).isEqualTo(ExitCode.INVALID.code());
        assertThat(tooMany.err()).contains("params.lines must be at most 3").doesNotContain("[");
        assertThat(tooMany.err().lines()).hasSize(1);
        Ctl.Result elsewhere = people.alice.run("runbook", "run", name, "-e", "dev", "-p", "text=x");
        assertThat(elsewhere.code()).isEqualTo(ExitCode.INVALID.code());
        assertThat(elsewhere.err()).startsWith("error: environment_not_allowed: ");
    }

    @Test
    void shouldMakeAPlanThatWaitsForApprovalWhenTheRunbookWritesAndShowItsOrigin(@TempDir Path dir) throws Exception {
        Path file = write(dir, "scale.yaml", String.join("\n",
                "name: " + name,
                "description: Scale a fake deployment",
                "parameters:",
                "  name: {type: string, pattern: \"[a-z0-9-]{1,40}\"}",
                "  replicas: {type: integer, minimum: 1, maximum: 6}",
                "summary: \"Scale ${params.name} to ${params.replicas}\"",
                "steps:",
                "  - tool: fake",
                "    action: scale",
                "    args: {name: \"${params.name}\", replicas: \"${params.replicas}\"}",
                "verify:",
                "  - tool: fake",
                "    action: get",
                "    args: {name: \"${params.name}\"}",
                "    assert: {pointer: /replicas, op: gte, value: 1}",
                ""));
        assertThat(people.admin.run("runbook", "apply", "-f", file.toString()).code()).isZero();

        Ctl.Result ran = people.alice.run("runbook", "run", name, "-e", "prod", "-p", "name=web", "-p", "replicas=3",
                "--follow");
        assertThat(ran.code()).as(ran.toString()).isEqualTo(ExitCode.APPROVAL_REQUIRED.code());
        assertThat(ran.out()).contains("AWAITING_APPROVAL", "fake.scale", "WRITE",
                "runbook " + name + " v1 (api) params {\"name\":\"web\",\"replicas\":3}");
        String planId = ran.out().lines().filter(l -> l.startsWith("Plan:")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(ran.err()).contains("waits for an approval", "assistantctl plan show " + planId);

        Ctl.Result shown = people.vera.run("plan", "show", planId);
        assertThat(shown.out().lines()).anyMatch(l -> l.matches(
                "Origin: +runbook " + name + " v1 \\(api\\) params \\{\"name\":\"web\",\"replicas\":3}"));

        Ctl.Result notAdmin = people.alice.run("runbook", "retire", name);
        assertThat(notAdmin.code()).isEqualTo(ExitCode.FORBIDDEN.code());
        Ctl.Result retired = people.admin.run("runbook", "retire", name);
        assertThat(retired.code()).as(retired.toString()).isZero();
        assertThat(retired.out().strip()).isEqualTo("runbook " + name + " retired");
        assertThat(people.vera.run("runbook", "show", name).code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(people.vera.run("runbook", "list").out()).doesNotContain(name);
        Ctl.Result builtin = people.admin.run("runbook", "retire", "scale-service");
        assertThat(builtin.code()).as(builtin.toString()).isEqualTo(ExitCode.CONFLICT.code());
    }
}
