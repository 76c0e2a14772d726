package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code assistantctl connection connect|list|revoke} against a server whose GitHub OAuth app points at a
 * stand-in for GitHub's token endpoint, {@code /user} and grant revocation: connect prints the consent
 * address as its one line of output and returns once the browser (here: this test) completed the flow.
 */
class OAuthConnectionCliTest {

    private static final String ACCESS = "gho_cliCanaryAccess7wE9rT2yU4iO6pA";

    @Test
    void shouldConnectThroughTheBrowserListAndRevoke() throws Exception {
        HttpServer github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/login/oauth/access_token", exchange -> answer(exchange, 200, "{\"access_token\":\"" + ACCESS
                + "\",\"token_type\":\"bearer\",\"scope\":\"repo\"}"));
        github.createContext("/user", exchange -> answer(exchange, 200, "{\"login\":\"octocat\",\"id\":583231}"));
        github.createContext("/applications/", exchange -> answer(exchange, 204, ""));
        github.start();
        Path keyFile = Files.createTempFile("carapulse-kek", ".b64");
        byte[] key = new byte[32];
        new java.util.Random(21).nextBytes(key);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
        Path secret = Files.createTempFile("carapulse-oauth", ".secret");
        Files.writeString(secret, "cli-client-secret\n");
        String base = "http://127.0.0.1:" + github.getAddress().getPort();
        try (TestServer own = TestServer.dedicated(Map.of("carapulse.broker.key-encryption-key", "file:" + keyFile,
                "carapulse.broker.oauth.github.client-id", "Iv1.cli",
                "carapulse.broker.oauth.github.client-secret", "file:" + secret,
                "carapulse.broker.oauth.github.authorize-url", base + "/login/oauth/authorize",
                "carapulse.broker.oauth.github.token-url", base + "/login/oauth/access_token",
                "carapulse.broker.oauth.github.api-url", base))) {
            Ctl me = Ctl.localTo(own);

            Ctl.Running connecting = me.start("connection", "connect", "github", "--wait", "60s");
            String printed = connecting.out().awaitContains("\n", Duration.ofSeconds(30));
            Matcher state = Pattern.compile("[?&]state=([^&\\s]+)").matcher(printed);
            assertThat(state.find()).as(printed).isTrue();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(own.url()
                    + "/v1/connections/callback?code=abc&state=" + state.group(1))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Ctl.Result connected = connecting.await();

            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(connected.code()).as(connected.toString()).isZero();
            assertThat(connected.out().lines().toList()).hasSize(1).allMatch(l -> l.startsWith(base + "/login/oauth/authorize?"));
            assertThat(connected.err()).contains("connected to github as octocat (con_");

            Ctl.Result list = me.run("connection", "list");
            assertThat(list.out()).contains("github", "octocat", "connected", "repo");
            String id = me.run("connection", "list", "-o", "json").json().at("/items/0/id").asText();

            Ctl.Result revoked = me.run("connection", "revoke", id);
            assertThat(revoked.code()).as(revoked.toString()).isZero();
            assertThat(revoked.out()).contains("connection " + id + " revoked (the provider confirmed)");
            assertThat(me.run("connection", "list").out()).contains("disconnected");

            Ctl.Result gitlab = me.run("connection", "connect", "gitlab");
            assertThat(gitlab.code()).isEqualTo(ExitCode.INVALID.code());
            assertThat(gitlab.err()).contains("OAuth connections to GitLab are not configured");
            Ctl.Result late = me.run("connection", "connect", "github", "--wait", "1s");
            assertThat(late.code()).as(late.toString()).isEqualTo(ExitCode.ERROR.code());
            assertThat(late.err()).contains("not connected within 1s");
            assertThat(me.run("connection", "connect", "github", "--wait", "soon").code()).isEqualTo(ExitCode.USAGE.code());
            assertThat(me.run("connection", "revoke", "con_nope").code()).isEqualTo(ExitCode.NOT_FOUND.code());
            Ctl.Result ownToken = me.with("MY_PAT", ACCESS).run("connection", "connect", "github", "--token-from", "env:MY_PAT");
            assertThat(ownToken.code()).as(ownToken.toString()).isZero();
            assertThat(ownToken.out()).startsWith("connected to github as octocat (con_").contains("your own token");
            assertThat(me.run("connection", "list", "-o", "json").json().at("/items/0/kind").asText()).isEqualTo("user_token");
            String ownId = me.run("connection", "list", "-o", "json").json().at("/items/0/id").asText();
            assertThat(me.run("connection", "revoke", ownId).out()).contains("it was your own token: revoke it in your "
                    + "github account settings");
            Ctl.Result onArgv = me.run("connection", "connect", "github", "--token-from", ACCESS);
            assertThat(onArgv.code()).isEqualTo(ExitCode.USAGE.code());
            for (Ctl.Result r : List.of(connected, list, revoked, gitlab, late, ownToken, onArgv)) {
                assertThat(r.out() + r.err()).doesNotContain(ACCESS).doesNotContain("cli-client-secret");
            }
        } finally {
            github.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : body.length);
        if (status != 204) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }
}
