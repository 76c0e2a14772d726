package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Agents from the command line: {@code token create --agent}, {@code integration link|list --agent} and
 * {@code integration credentials}, which prints the token alone on stdout (for an agent only).
 */
class AgentCliTest {

    private static final String TOKEN = "ghp_agentCliCanary3Rt6Yu9Io2Pa5Sd";

    @Test
    void shouldCreateAnAgentLinkItsOwnIntegrationAndPrintOnlyTheTokenForIt() throws Exception {
        HttpServer github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/user", exchange -> {
            byte[] body = "{\"login\":\"release-bot\",\"id\":42}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        github.start();
        Path keyFile = Files.createTempFile("carapulse-kek", ".b64");
        byte[] key = new byte[32];
        new java.util.Random(19).nextBytes(key);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
        String api = "http://127.0.0.1:" + github.getAddress().getPort();
        try (TestServer own = TestServer.dedicated(Map.of("carapulse.broker.key-encryption-key", "file:" + keyFile))) {
            Ctl admin = Ctl.localTo(own);

            Ctl.Result created = admin.run("token", "create", "release-agent", "--role", "viewer", "--agent");
            assertThat(created.code()).as(created.toString()).isZero();
            String agentToken = created.out().strip();
            assertThat(created.err()).contains("agent token");
            Ctl agent = Ctl.as(own, agentToken);

            Ctl.Result linked = admin.withStdin(TOKEN).run("integration", "link", "github", "--agent", "release-agent",
                    "--base-url", api);
            assertThat(linked.code()).as(linked.toString()).isZero();
            assertThat(linked.out()).contains("for agent token:tok_");
            Ctl.Result listed = admin.run("integration", "list", "--agent", "release-agent");
            assertThat(listed.out()).contains("agent token:tok_", "release-bot");
            Ctl.Result noRunbook = admin.withStdin(TOKEN).run("integration", "link", "github", "--agent", "runbook:nightly",
                    "--base-url", api);
            assertThat(noRunbook.code()).as(noRunbook.toString()).isEqualTo(ExitCode.INVALID.code());
            assertThat(noRunbook.err()).contains("Agent 'runbook:nightly' not found: there is no runbook 'nightly'");

            Ctl.Result credentials = agent.run("integration", "credentials", "--provider", "github");
            assertThat(credentials.code()).as(credentials.toString()).isZero();
            assertThat(credentials.out()).isEqualTo(TOKEN + System.lineSeparator());
            assertThat(credentials.err()).doesNotContain(TOKEN).contains("github", "pat");

            Ctl.Result person = admin.run("integration", "credentials", "--provider", "github");
            assertThat(person.code()).isEqualTo(ExitCode.FORBIDDEN.code());
            assertThat(person.out()).isEmpty();
            for (Ctl.Result r : List.of(created, linked, listed, noRunbook, person)) {
                assertThat(r.out() + r.err()).doesNotContain(TOKEN);
            }
        } finally {
            github.stop(0);
        }
    }
}
