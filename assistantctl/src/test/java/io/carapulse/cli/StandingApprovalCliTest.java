package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standing approvals from the CLI against a real server whose {@code prod} allows them for up to a
 * day: granted with {@code --bound} ranges sent as numbers and lists typed by the runbook's declared
 * parameter types, approving a run inside them (not one outside), listed, shown and revoked; a bound
 * that is no number refused here (exit 2), a duration over the environment's limit by the server (exit 6).
 */
class StandingApprovalCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

    /** Who granted it: bob, by his token (the server names a token's holder by its id). */
    private static final String GRANTOR = "token:tok_\\S+";

    private static TestServer server;
    private static Ctl admin;
    private static Ctl alice;
    private static Ctl bob;

    private final String name = "cli-sta-" + Long.toString(System.nanoTime(), 36);

    @BeforeAll
    static void start() {
        server = TestServer.dedicated(Map.of("carapulse.environments.prod.guard-rails.standing-approval-max", "1d"));
        admin = Ctl.localTo(server);
        alice = Ctl.as(server, token("alice", "operator"));
        bob = Ctl.as(server, token("bob", "approver"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String who, String role) {
        Ctl.Result r = admin.run("token", "create", who, "--role", role);
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out().strip();
    }

    private void define(Path dir) throws Exception {
        Path file = dir.resolve("rb.yaml");
        Files.writeString(file, String.join("\n",
                "name: " + name,
                "description: Scale web",
                "environments: [prod]",
                "parameters:",
                "  replicas: {type: integer, minimum: 1, maximum: 10}",
                "  name: {type: string, default: web}",
                "summary: \"scale ${params.name} to ${params.replicas}\"",
                "steps:",
                "  - tool: fake",
                "    action: scale",
                "    args: {name: \"${params.name}\", replicas: \"${params.replicas}\"}",
                ""));
        Ctl.Result applied = admin.run("runbook", "apply", "-f", file.toString());
        assertThat(applied.code()).as(applied.toString()).isZero();
    }

    /** The id from {@code standing approval sta_… active until …}. */
    private static String granted(Ctl.Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().strip()).matches("standing approval sta_\\S+ active until " + INSTANT);
        return r.out().split(" ")[2];
    }

    private String runStatus(String replicas) {
        Ctl.Result ran = alice.run("runbook", "run", name, "-e", "prod", "-p", "replicas=" + replicas,
                "-p", "name=web", "-o", "json");
        assertThat(ran.code()).as(ran.toString()).isZero();
        return ran.json().at("/plan/status").asText();
    }

    @Test
    void shouldGrantWithTypedBoundsThenListShowAndRevokeIt(@TempDir Path dir) throws Exception {
        define(dir);
        Ctl.Result grant = bob.run("standing-approval", "grant", name, "-e", "prod", "--duration", "8h",
                "--bound", "replicas=2..6", "--bound", "name=web,api", "--note", "routine scaling");
        String id = granted(grant);
        assertThat(grant.err()).contains("assistantctl standing-approval revoke " + id);

        JsonNode shown = bob.run("standing-approval", "show", id, "-o", "json").json();
        assertThat(shown.get("bounds")).isEqualTo(JSON.readTree(
                "{\"replicas\":{\"minimum\":2,\"maximum\":6},\"name\":{\"enum\":[\"web\",\"api\"]}}"));
        assertThat(shown.at("/bounds/replicas/minimum").isIntegralNumber()).isTrue();
        assertThat(shown.get("version").asInt()).isEqualTo(1);
        assertThat(shown.get("note").asText()).isEqualTo("routine scaling");
        assertThat(runStatus("4")).as("inside the bounds: approved by it").isNotEqualTo("AWAITING_APPROVAL");
        Ctl.Result told = alice.run("runbook", "run", name, "-e", "prod", "-p", "replicas=3", "-p", "name=web");
        assertThat(told.err()).as("says why a plan that writes started at once")
                .contains("A standing approval authorised it, so it started").doesNotContain("only reads");
        assertThat(runStatus("8")).as("outside: a person approves").isEqualTo("AWAITING_APPROVAL");

        // a list of an integer parameter's values goes as numbers: the server refuses "3" for it
        Ctl.Result open = bob.run("standing-approval", "grant", name, "-e", "prod", "--duration", "1h",
                "--bound", "replicas=3,5", "--bound", "name=web", "-o", "json");
        assertThat(open.code()).as(open.toString()).isZero();
        assertThat(open.json().get("bounds")).isEqualTo(JSON.readTree(
                "{\"replicas\":{\"enum\":[3,5]},\"name\":{\"enum\":[\"web\"]}}"));
        String second = open.json().get("id").asText();

        Ctl.Result list = bob.run("standing-approval", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow())
                .matches("ID +RUNBOOK +VERSION +ENV +BOUNDS +STATUS +EXPIRES +GRANTED BY");
        assertThat(list.out().lines())
                .anyMatch(l -> l.matches(id + " +" + name + " +1 +prod +name=web,api replicas=2\\.\\.6 +active +"
                        + INSTANT + " +" + GRANTOR))
                .anyMatch(l -> l.matches(second + " +" + name + " +1 +prod +name=web replicas=3,5 +active +.*"));
        JsonNode items = bob.run("standing-approval", "list", "-o", "json").json().get("items");
        assertThat(items.findValuesAsText("id")).contains(id, second);

        Ctl.Result revoked = bob.run("standing-approval", "revoke", id);
        assertThat(revoked.code()).as(revoked.toString()).isZero();
        assertThat(revoked.out().strip()).isEqualTo("standing approval " + id + " revoked");
        Ctl.Result show = bob.run("standing-approval", "show", id);
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Standing approval: " + id, "Runbook:           " + name + " v1",
                "Environment:       prod", "Bounds:            name=web,api replicas=2..6",
                "Status:            revoked", "Note:              routine scaling");
        assertThat(show.out().lines()).anyMatch(l -> l.matches("Granted: +" + INSTANT + " by " + GRANTOR))
                .anyMatch(l -> l.matches("Ended: +" + INSTANT + " by " + GRANTOR + ".*"));
        assertThat(runStatus("4")).as("revoked: a person approves").isEqualTo("AWAITING_APPROVAL");
        assertThat(bob.run("standing-approval", "show", "sta_nope").code()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void shouldRefuseABoundThatIsNoNumberHereAndADurationOverTheLimitOnTheServer(@TempDir Path dir) throws Exception {
        define(dir);
        Ctl.Result range = bob.run("standing-approval", "grant", name, "-e", "prod", "--duration", "1h",
                "--bound", "replicas=2..six");
        assertThat(range.code()).as(range.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(range.err()).isEqualTo("error: --bound replicas=2..six: the maximum 'six' is not a number"
                + System.lineSeparator());
        Ctl.Result typed = bob.run("standing-approval", "grant", name, "-e", "prod", "--duration", "1h",
                "--bound", "replicas=2,3.5");
        assertThat(typed.code()).as(typed.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(typed.err()).isEqualTo("error: --bound replicas=2,3.5: parameter replicas of runbook " + name
                + " takes a whole number" + System.lineSeparator());

        Ctl.Result tooLong = bob.run("standing-approval", "grant", name, "-e", "prod", "--duration", "2d",
                "--bound", "replicas=..6");
        assertThat(tooLong.code()).as(tooLong.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(tooLong.err().lines()).hasSize(1).first().asString()
                .startsWith("error: validation_failed: duration: at most 24h in prod, not 2d");
        Ctl.Result unknown = bob.run("standing-approval", "grant", name, "-e", "prod", "--duration", "1h",
                "--bound", "size=2..");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(unknown.err()).contains("bounds.size: runbook has no parameter 'size'");
        Ctl.Result operator = alice.run("standing-approval", "grant", name, "-e", "prod", "--duration", "1h",
                "--bound", "replicas=..6");
        assertThat(operator.code()).as(operator.toString()).isEqualTo(ExitCode.FORBIDDEN.code());

        JsonNode items = bob.run("standing-approval", "list", "-o", "json").json().get("items");
        assertThat(items.findValuesAsText("runbook")).doesNotContain(name);
    }
}
