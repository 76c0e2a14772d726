package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.People;
import io.carapulse.cli.support.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * Each class of failure has its own exit code and one line on stderr with the server's problem code;
 * {@code --verbose} adds the request (never the token).
 */
class ExitCodesCliTest {

    private final People people = People.onSharedServer();

    @Test
    void shouldExitWithUsageForABadCommandLine() {
        Ctl.Result unknown = people.vera.run("plan", "lsit");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknown.err()).contains("Unmatched argument", "Did you mean", "See 'assistantctl plan --help'.");
        assertThat(people.vera.run("plan").code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(people.vera.run("plan", "list", "-o", "xml").err()).contains("expected table, json or yaml");
        assertThat(people.alice.run("plan", "create", "--step", "fake.scale", "name=web").err())
                .contains("which environment? --env NAME");
        assertThat(people.alice.run("plan", "create", "--env", "dev", "--step", "fake.scale", "replicas=many").code())
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(people.alice.run("plan", "create", "-f", "/nonexistent/plan.yaml").code())
                .isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void shouldExitWithNotFoundForAnUnknownId() {
        Ctl.Result r = people.vera.run("plan", "show", "pln_doesnotexist");
        assertThat(r.code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(r.err()).isEqualTo("error: not_found: no plan pln_doesnotexist\n");
        assertThat(r.out()).isEmpty();
        assertThat(people.vera.run("tools", "show", "terraform").code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(people.vera.run("evidence", "show", "evd_nope").code()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void shouldExitWithUnauthenticatedForABadOrMissingToken() {
        TestServer server = TestServer.shared();
        Ctl.Result bad = Ctl.as(server, "cpt_" + "x".repeat(43)).run("plan", "list");
        assertThat(bad.code()).isEqualTo(ExitCode.UNAUTHENTICATED.code());
        assertThat(bad.err()).startsWith("error: unauthenticated: ").doesNotContain("cpt_");
        Ctl.Result none = Ctl.fresh().with("CARAPULSE_SERVER", server.url()).run("plan", "list");
        assertThat(none.code()).isEqualTo(ExitCode.UNAUTHENTICATED.code());
        assertThat(none.err()).contains("no token: pass --token, set CARAPULSE_TOKEN or configure a context");
    }

    @Test
    void shouldExitWithForbiddenWhenRolesDoNotAllowIt() {
        Ctl.Result r = people.vera.run("plan", "create", "--env", "prod", "--step", "fake.get", "name=web");
        assertThat(r.code()).isEqualTo(ExitCode.FORBIDDEN.code());
        assertThat(r.err()).startsWith("error: forbidden: ");
        assertThat(people.alice.run("token", "list").code()).isEqualTo(ExitCode.FORBIDDEN.code());
    }

    @Test
    void shouldExitWithInvalidWhenTheServerRefusesTheContent() {
        Ctl.Result tool = people.alice.run("plan", "create", "--env", "prod", "--step", "terraform.apply", "dir=x");
        assertThat(tool.code()).as(tool.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(tool.err()).startsWith("error: unknown_tool: ");
        Ctl.Result schema = people.alice.run("plan", "create", "--env", "prod", "--step", "fake.scale", "name=web",
                "replicas:=\"three\"");
        assertThat(schema.code()).isEqualTo(ExitCode.INVALID.code());
        assertThat(schema.err()).startsWith("error: validation_failed: steps[0] (fake.scale): ").contains("replicas")
                .as("the detail names the step and its problems: not said twice").doesNotContain("[step 0: ");
        assertThat(schema.err().lines()).hasSize(1);
        assertThat(people.alice.run("plan", "create", "--env", "moon", "--step", "fake.get", "name=web").err())
                .startsWith("error: environment_not_allowed: ");
    }

    @Test
    void shouldExitWithConflictApprovalRequiredAndApprovalRejected() {
        String plan = PlanLifecycleCliTest.createScale(people.alice);
        assertThat(people.alice.run("plan", "execute", plan).code()).isEqualTo(ExitCode.APPROVAL_REQUIRED.code());
        assertThat(people.bob.run("plan", "reject", plan).code()).isZero();
        assertThat(people.alice.run("plan", "execute", plan).code()).isEqualTo(ExitCode.APPROVAL_REJECTED.code());
        Ctl.Result twice = people.bob.run("plan", "approve", plan);
        assertThat(twice.code()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(twice.err()).startsWith("error: approval_not_pending: ");
    }

    @Test
    void shouldExitWithUnreachableWhenNobodyListens() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Ctl.Result r = Ctl.fresh().run("--server", "http://127.0.0.1:" + closed, "--token", "cpt_secret", "plan", "list");
        assertThat(r.code()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(r.err()).startsWith("error: cannot reach the server at http://127.0.0.1:" + closed);
        assertThat(r.err().lines()).hasSize(1);

        Ctl.Result verbose = Ctl.fresh().run("--server", "http://127.0.0.1:" + closed, "--token", "cpt_secret", "plan",
                "list", "--verbose", "--status", "ready");
        assertThat(verbose.err()).contains("request: GET http://127.0.0.1:" + closed + "/v1/plans?status=ready&limit=50")
                .contains("token from --token").doesNotContain("cpt_secret");
    }

    @Test
    void shouldExitWithErrorForAnswersThatAreNotTheApis() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>not carapulse</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/v1/plans") ? 200 : 500, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            Ctl ctl = Ctl.fresh().with("CARAPULSE_SERVER", "http://127.0.0.1:" + other.getAddress().getPort())
                    .with("CARAPULSE_TOKEN", "cpt_x");
            Ctl.Result html = ctl.run("plan", "list");
            assertThat(html.code()).as(html.toString()).isEqualTo(ExitCode.ERROR.code());
            assertThat(html.err()).startsWith("error: the server's answer is not what this assistantctl expects");
            Ctl.Result broken = ctl.run("tools", "list");
            assertThat(broken.code()).isEqualTo(ExitCode.ERROR.code());
            assertThat(broken.err()).isEqualTo("error: http_500: HTTP 500\n");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void shouldAddTheRequestToAServerErrorWithVerbose() {
        Ctl.Result r = people.vera.run("plan", "show", "pln_nope", "-v");
        assertThat(r.err()).contains("error: not_found: no plan pln_nope", "request: GET " + TestServer.shared().url()
                + "/v1/plans/pln_nope -> 404");
    }

    @Test
    void shouldExitWithCheckFailedWhenTheAuditChainIsBroken() throws Exception {
        try (TestServer own = TestServer.dedicated()) {
            Ctl admin = Ctl.localTo(own);
            assertThat(admin.run("plan", "create", "--env", "dev", "--step", "fake.get", "name=web").code()).isZero();
            assertThat(admin.run("audit", "verify").code()).isZero();
            try (var c = DriverManager.getConnection(own.jdbcUrl(), "sa", ""); var st = c.createStatement()) {
                st.executeUpdate("UPDATE audit_event SET reason = 'edited' WHERE seq = (SELECT MIN(seq) FROM audit_event)");
            }
            Ctl.Result broken = admin.run("audit", "verify");
            assertThat(broken.code()).as(broken.toString()).isEqualTo(ExitCode.CHECK_FAILED.code());
            assertThat(broken.out()).contains("FAIL: chain broken at record");
            assertThat(admin.run("audit", "verify", "-o", "json").json().get("ok").asBoolean()).isFalse();
        }
    }
}
