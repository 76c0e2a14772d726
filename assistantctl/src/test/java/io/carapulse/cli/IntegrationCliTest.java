package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code assistantctl integration link|list|show|unlink} against a server with a broker key and a stand-in
 * for GitHub's {@code /user}: the token comes from stdin, a file or a variable and never shows in output;
 * a token given where its source was expected is refused without echoing it.
 */
class IntegrationCliTest {

    private static final String TOKEN = "ghp_cliCanaryQ7wE9rT2yU4iO6pA8sD";

    @Test
    void shouldLinkListShowAndUnlinkWithTheTokenNeverOnTheCommandLine() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        HttpServer github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/user", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"login\":\"octocat\",\"id\":583231}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-OAuth-Scopes", "repo");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        github.start();
        Path keyFile = Files.createTempFile("carapulse-kek", ".b64");
        byte[] key = new byte[32];
        new java.util.Random(6).nextBytes(key);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
        String api = "http://127.0.0.1:" + github.getAddress().getPort();
        try (TestServer own = TestServer.dedicated(Map.of("carapulse.broker.key-encryption-key", "file:" + keyFile))) {
            Ctl admin = Ctl.localTo(own);

            Ctl.Result fromStdin = admin.withStdin(TOKEN + "\n").run("integration", "link", "github", "--global",
                    "--base-url", api, "-o", "json");
            Path file = Files.createTempFile("gh", ".token");
            Files.writeString(file, TOKEN + "\n");
            Ctl.Result fromFile = admin.run("integration", "link", "github", "--env", "prod", "--base-url", api,
                    "--token-from", "file:" + file);
            Ctl.Result fromEnv = admin.with("GH_TOKEN", TOKEN).run("integration", "link", "github", "--env", "dev",
                    "--base-url", api, "--token-from", "env:GH_TOKEN");
            Ctl.Result onArgv = admin.run("integration", "link", "github", "--env", "dev", "--base-url", api,
                    "--token-from", TOKEN);

            assertThat(fromStdin.code()).as(fromStdin.toString()).isZero();
            assertThat(fromStdin.json().get("username").asText()).isEqualTo("octocat");
            assertThat(fromFile.code()).as(fromFile.toString()).isZero();
            assertThat(fromFile.out()).contains("linked: github for prod as octocat");
            assertThat(fromEnv.code()).as(fromEnv.toString()).isZero();
            assertThat(onArgv.code()).isEqualTo(ExitCode.USAGE.code());
            assertThat(onArgv.err()).contains("never goes on the command line");
            assertThat(seen).hasSize(3).allMatch(("Bearer " + TOKEN)::equals);

            String id = fromStdin.json().get("id").asText();
            Ctl.Result list = admin.run("integration", "list", "--provider", "github");
            Ctl.Result show = admin.run("integration", "show", id);
            Ctl.Result again = admin.withStdin(TOKEN).run("integration", "link", "github", "--global", "--base-url", api);
            assertThat(list.out()).contains(id, "global", "prod", "dev", "octocat");
            assertThat(show.out()).contains("octocat (583231)", "repo");
            assertThat(again.code()).isEqualTo(ExitCode.CONFLICT.code());
            assertThat(again.err()).contains("conflict", id);

            Ctl.Result rotated = admin.run("integration", "rotate-key");
            Ctl.Result rotatedJson = admin.run("integration", "rotate-key", "-o", "json");
            assertThat(rotated.code()).as(rotated.toString()).isZero();
            assertThat(rotated.out()).matches("(?s)re-wrapped 0 secret\\(s\\) in 0 batch\\(es\\); all [34] stored secret\\(s\\) "
                    + "are now under local:[0-9a-f]+\\R");
            assertThat(rotatedJson.json().get("keyId").asText()).startsWith("local:");

            Ctl.Result unlinked = admin.run("integration", "unlink", id);
            assertThat(unlinked.code()).as(unlinked.toString()).isZero();
            assertThat(admin.run("integration", "show", id).code()).isEqualTo(ExitCode.NOT_FOUND.code());
            for (Ctl.Result r : List.of(fromStdin, fromFile, fromEnv, onArgv, list, show, again, rotated, unlinked)) {
                assertThat(r.out() + r.err()).doesNotContain(TOKEN);
            }
        } finally {
            github.stop(0);
        }
    }
    @Test
    void shouldLinkADelegatedIntegrationWithoutReadingAToken() throws Exception {
        Path keyFile = Files.createTempFile("carapulse-kek", ".b64");
        byte[] key = new byte[32];
        new java.util.Random(7).nextBytes(key);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
        Path clientSecret = Files.createTempFile("carapulse-github-client-secret", ".txt");
        Files.writeString(clientSecret, "platform-app-secret\n");
        try (TestServer own = TestServer.dedicated(Map.of("carapulse.broker.key-encryption-key", "file:" + keyFile,
                "carapulse.broker.oauth.github.client-id", "Iv1.platformapp",
                "carapulse.broker.oauth.github.client-secret", "file:" + clientSecret))) {
            Ctl admin = Ctl.localTo(own);

            // stdin holds a token: a delegated link must not read (or send) it
            Ctl.Result linked = admin.withStdin(TOKEN + "\n").run("integration", "link", "github", "--auth-type", "oauth",
                    "--env", "prod");
            Ctl.Result withToken = admin.run("integration", "link", "github", "--auth-type", "oauth", "--env", "prod",
                    "--token-from", "env:GH_TOKEN");
            Ctl.Result pat = admin.run("integration", "link", "github", "--auth-type", "pat", "--env", "prod");
            Ctl.Result gitlab = admin.run("integration", "link", "gitlab", "--auth-type", "oauth", "--global");

            assertThat(linked.code()).as(linked.toString()).isZero();
            assertThat(linked.out()).contains("linked: github for prod as each plan's requester (delegated)");
            assertThat(withToken.code()).isEqualTo(ExitCode.USAGE.code());
            assertThat(withToken.err()).contains("--auth-type oauth takes no credential");
            assertThat(pat.code()).isEqualTo(ExitCode.USAGE.code());
            assertThat(pat.err()).contains("--auth-type takes oauth");
            assertThat(gitlab.code()).as(gitlab.toString()).isEqualTo(ExitCode.INVALID.code());
            assertThat(gitlab.err()).contains("carapulse.broker.oauth.gitlab.client-id");

            String id = linked.out().replaceAll("(?s).*integration (int_[0-9a-z]+) linked.*", "$1");
            Ctl.Result list = admin.run("integration", "list", "--provider", "github");
            Ctl.Result show = admin.run("integration", "show", id);
            assertThat(list.out()).contains(id, "prod", "each plan's requester (delegated)");
            assertThat(show.out()).contains("github (oauth)", "each plan's requester (delegated)");
            for (Ctl.Result r : List.of(linked, withToken, pat, gitlab, list, show)) {
                assertThat(r.out() + r.err()).doesNotContain(TOKEN);
            }
        }
    }
}
