package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.CarapulseVersion;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.People;
import io.carapulse.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, tools, doctor, version, completion and help. */
class AdminCliTest {

    private final TestServer server = TestServer.shared();
    private final Ctl admin = Ctl.localTo(server);

    @Test
    void shouldCreateListAndRevokeTokensShowingEachSecretOnce(@TempDir Path dir) throws Exception {
        Ctl.Result created = admin.run("token", "create", "ci-deployer", "--role", "operator", "--role", "viewer");
        assertThat(created.code()).as(created.toString()).isZero();
        String token = created.out().strip();
        assertThat(token).matches("cpt_[A-Za-z0-9_-]{43}");
        assertThat(created.err()).contains("only time").doesNotContain(token);
        String id = created.err().replaceAll("(?s).*token (tok_\\S+) .*", "$1");

        Ctl.Result listed = admin.run("token", "list");
        assertThat(listed.out()).contains(id, "ci-deployer", "operator", "viewer").doesNotContain(token);
        assertThat(admin.run("token", "list", "-o", "json").out()).doesNotContain(token);
        assertThat(Ctl.as(server, token).run("plan", "list").code()).isZero();

        assertThat(admin.run("token", "revoke", id).out()).contains("revoked");
        assertThat(Ctl.as(server, token).run("plan", "list").code()).isEqualTo(ExitCode.UNAUTHENTICATED.code());
        assertThat(admin.run("token", "revoke", "tok_nope").code()).isEqualTo(ExitCode.NOT_FOUND.code());

        Path file = dir.resolve("ci.token");
        Ctl.Result saved = admin.run("token", "create", "ci-2", "--role", "viewer", "--token-file", file.toString(),
                "-o", "json");
        assertThat(saved.code()).as(saved.toString()).isZero();
        assertThat(saved.json().get("token").isNull()).isTrue();
        String secret = Files.readString(file).strip();
        assertThat(saved.out() + saved.err()).doesNotContain(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Ctl.as(server, secret).run("tools", "list").code()).isZero();
        assertThat(admin.run("token", "create", "ci-3", "--role", "viewer", "--token-file", file.toString()).code())
                .isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void shouldListAndShowToolsWithClassesAndArguments() {
        Ctl.Result list = admin.run("tools", "list");
        assertThat(list.out()).contains("TOOL", "fake", "local", "6");
        Ctl.Result show = admin.run("tools", "show", "fake");
        assertThat(show.out()).contains("fake.scale", "WRITE", "name*:string", "replicas*:integer", "fake.patch",
                "BREAK_GLASS");
        JsonNode json = admin.run("tools", "show", "fake", "-o", "json").json();
        assertThat(json.get("actions").findValuesAsText("class")).contains("READ", "WRITE", "BREAK_GLASS");
    }

    @Test
    void shouldDiagnoseTheSetUpAndFailOnATokenFileOthersCanRead() throws Exception {
        Ctl.Result ok = admin.run("doctor");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("server", server.url() + " (from CARAPULSE_SERVER): health UP",
                "roles admin", "version", "server " + CarapulseVersion.current(), "fake: local",
                "llm", "not configured: No language model is configured", "rw-------");

        Ctl user = Ctl.fresh().with("CARAPULSE_SERVER", server.url());
        Path home = Files.createTempDirectory("cli-doctor-");
        Files.copy(server.home().resolve("token"), home.resolve("token"));
        Files.setPosixFilePermissions(home.resolve("token"), PosixFilePermissions.fromString("rw-r--r--"));
        Ctl.Result leaky = user.with("CARAPULSE_HOME", home.toString()).run("doctor", "-o", "json");
        assertThat(leaky.code()).as(leaky.toString()).isEqualTo(ExitCode.CHECK_FAILED.code());
        assertThat(leaky.json().get("ok").asBoolean()).isFalse();
        assertThat(leaky.out()).contains("chmod 600 " + home.resolve("token"));

        Ctl.Result down = Ctl.fresh().run("doctor", "--server", "http://127.0.0.1:1");
        assertThat(down.code()).isEqualTo(ExitCode.CHECK_FAILED.code());
        assertThat(down.out()).contains("FAIL", "cannot reach the server");
    }

    @Test
    void shouldPrintVersionsCompletionAndHelp() {
        Ctl.Result v = admin.run("version", "-o", "json");
        assertThat(v.code()).isZero();
        assertThat(v.json().get("client").asText()).isEqualTo(CarapulseVersion.current());
        assertThat(v.json().get("server").asText()).isEqualTo(CarapulseVersion.current());
        assertThat(Ctl.fresh().run("version", "--client", "--server", "http://127.0.0.1:1").out())
                .isEqualTo("Client: " + CarapulseVersion.current() + "\n");
        assertThat(Ctl.fresh().run("--version").out()).contains("assistantctl " + CarapulseVersion.current());

        Ctl.Result bash = Ctl.fresh().run("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F", "assistantctl", "approve", "set-context");
        assertThat(Ctl.fresh().run("completion", "zsh").out()).startsWith("autoload -U +X compinit")
                .contains("bashcompinit");

        Ctl.Result help = Ctl.fresh().run("--help");
        assertThat(help.code()).isZero();
        for (String command : List.of("plan", "exec", "approvals", "evidence", "audit", "tools", "token", "config",
                "doctor", "version", "completion")) {
            assertThat(help.out()).containsPattern("(?m)^  " + command + "\\b");
        }
        assertThat(help.out()).contains("Exit codes:", "13 server unreachable");
        assertThat(Ctl.fresh().run("plan", "create", "--help").out()).contains("--step", "--verify", "--assert", "-f, --file");
        assertThat(Ctl.fresh().run("exec", "logs", "--help").out()).contains("--follow", "without losing or repeating");
        assertThat(Ctl.fresh().run("help", "exec").out()).contains("logs", "resolve");
    }

    @Test
    void shouldPrintStableParseableJsonForReadCommands() {
        People people = People.onSharedServer();
        String plan = PlanLifecycleCliTest.createScale(people.alice);
        Ctl.Result first = people.vera.run("plan", "show", plan, "-o", "json");
        Ctl.Result second = people.vera.run("plan", "show", plan, "-o", "json");
        assertThat(first.out()).isEqualTo(second.out());
        List<String> fields = iterable(first.json().fieldNames());
        // executionId appears once the plan has an execution: never shown as null
        assertThat(fields).containsExactly("id", "environment", "summary", "requester", "status", "fingerprint",
                "requiresApproval", "breakGlass", "createdAt", "updatedAt", "steps", "approval");
        assertThat(first.json().get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.json().hasNonNull("executionId")).isFalse();

        for (String[] read : List.of(new String[] {"plan", "list"}, new String[] {"exec", "list"},
                new String[] {"approvals", "list"}, new String[] {"audit", "list", "--limit", "5"},
                new String[] {"tools", "list"}, new String[] {"token", "list"})) {
            Ctl who = read[0].equals("token") ? admin : people.vera;
            Ctl.Result json = who.run(concat(read, "-o", "json"));
            assertThat(json.code()).as(json.toString()).isZero();
            boolean paged = !read[0].equals("approvals") && !read[0].equals("tools");
            if (paged) {
                // a page: its records and the cursor of the next one
                assertThat(iterable(json.json().fieldNames())).as(String.join(" ", read))
                        .containsExactly("items", "limit", "next");
                assertThat(json.json().get("items").isArray()).isTrue();
            } else {
                assertThat(json.json().isArray()).as(String.join(" ", read)).isTrue();
            }
            Ctl.Result yaml = who.run(concat(read, "-o", "yaml"));
            assertThat(yaml.code()).as(yaml.toString()).isZero();
        }
        assertThat(people.vera.run("plan", "show", plan, "-o", "yaml").out()).contains("id: " + plan, "status: AWAITING_APPROVAL");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
