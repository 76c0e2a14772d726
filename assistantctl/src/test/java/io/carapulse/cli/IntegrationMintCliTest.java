package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code assistantctl integration link github --app-id …}, {@code integration provider register|list|show|remove}
 * and {@code link gitlab --automated} against a server with a broker key and stand-ins for GitHub's app endpoints
 * and GitLab's: the private key and the Owner's token come from a file, a variable or stdin and never show in
 * output; the minted identity is deprovisioned on unlink.
 */
class IntegrationMintCliTest {

    private static final String OWNER = "glpat-cliOwnerCanaryQ7wE9rT2yU4";
    private static final String MINTED = "glpat-cliMintedCanaryK3jH5gF7d";

    @Test
    void shouldLinkAGitHubAppWithItsKeyFromAFileAndNeverShowIt() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        HttpServer github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/app", exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, exchange.getRequestURI().getPath().equals("/app")
                    ? "{\"id\":123456,\"slug\":\"octo-deployer\",\"name\":\"Octo Deployer\"}"
                    : "{\"id\":7890123,\"account\":{\"login\":\"acme\",\"id\":1024,\"type\":\"Organization\"},"
                            + "\"app_id\":123456,\"permissions\":{\"contents\":\"read\"}}");
        });
        github.start();
        var pair = KeyPairGenerator.getInstance("RSA");
        pair.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(pair.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String keyLine = pem.split("\n")[2];
        Path keyFile = Files.createTempFile("app", ".pem");
        Files.writeString(keyFile, pem);
        try (TestServer own = TestServer.dedicated(Map.of("carapulse.broker.key-encryption-key", "file:" + kek()))) {
            Ctl admin = Ctl.localTo(own);
            String api = "http://127.0.0.1:" + github.getAddress().getPort();

            Ctl.Result linked = admin.run("integration", "link", "github", "--global", "--base-url", api, "--app-id",
                    "123456", "--installation-id", "7890123", "--private-key-from", "file:" + keyFile);
            Ctl.Result partial = admin.run("integration", "link", "github", "--global", "--app-id", "123456");
            Ctl.Result onArgv = admin.run("integration", "link", "github", "--global", "--app-id", "1",
                    "--installation-id", "2", "--private-key-from", keyLine);

            assertThat(linked.code()).as(linked.toString()).isZero();
            assertThat(linked.out()).contains("linked: github for global as acme");
            assertThat(seen).hasSize(2).allMatch(s -> s.contains(" Bearer ey"));
            assertThat(partial.code()).isEqualTo(ExitCode.USAGE.code());
            assertThat(partial.err()).contains("needs --app-id, --installation-id and --private-key-from");
            assertThat(onArgv.code()).isEqualTo(ExitCode.USAGE.code());
            Ctl.Result show = admin.run("integration", "show", linked.out().split(" ")[1].replace(":", ""));
            assertThat(show.out()).contains("github (app)", "acme (7890123)", "contents:read");
            for (Ctl.Result r : List.of(linked, partial, onArgv, show)) {
                assertThat(r.out() + r.err()).doesNotContain(keyLine);
            }
        } finally {
            github.stop(0);
        }
    }

    @Test
    void shouldRegisterAProviderLinkAutomatedAndDeprovisionOnUnlink() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        HttpServer gitlab = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gitlab.createContext("/api/v4", exchange -> {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            String token = exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
            calls.add(call);
            switch (call) {
                case "GET /api/v4/user" -> answer(exchange, 200, OWNER.equals(token)
                        ? "{\"id\":7,\"username\":\"platform-owner\"}" : "{\"id\":57,\"username\":\"service_account_group_345_ab\"}");
                case "GET /api/v4/groups/acme" -> answer(exchange, 200, "{\"id\":345,\"full_path\":\"acme\",\"parent_id\":null}");
                case "POST /api/v4/groups/345/service_accounts" -> answer(exchange, 201,
                        "{\"id\":57,\"username\":\"service_account_group_345_ab\",\"name\":\"carapulse-prod\"}");
                case "POST /api/v4/groups/345/members" -> answer(exchange, 201, "{\"id\":57,\"access_level\":30}");
                case "POST /api/v4/groups/345/service_accounts/57/personal_access_tokens" -> answer(exchange, 201,
                        "{\"id\":6,\"user_id\":57,\"scopes\":[\"read_repository\"],\"expires_at\":\"2027-01-06\",\"token\":\""
                                + MINTED + "\"}");
                case "DELETE /api/v4/groups/345/service_accounts/57" -> answer(exchange, 204, null);
                default -> answer(exchange, 404, "{\"message\":\"404 Not Found\"}");
            }
        });
        gitlab.start();
        try (TestServer own = TestServer.dedicated(Map.of("carapulse.broker.key-encryption-key", "file:" + kek()))) {
            Ctl admin = Ctl.localTo(own);
            String url = "http://127.0.0.1:" + gitlab.getAddress().getPort();

            Ctl.Result registered = admin.with("GL_OWNER", OWNER).run("integration", "provider", "register", "--group",
                    "acme", "--scopes", "read_repository", "--base-url", url, "--token-from", "env:GL_OWNER", "-o", "json");
            assertThat(registered.code()).as(registered.toString()).isZero();
            String provider = registered.json().get("id").asText();
            Ctl.Result linked = admin.run("integration", "link", "gitlab", "--env", "prod", "--automated",
                    "--provider-id", provider, "-o", "json");
            assertThat(linked.code()).as(linked.toString()).isZero();
            String id = linked.json().get("id").asText();
            Ctl.Result list = admin.run("integration", "provider", "list");
            Ctl.Result show = admin.run("integration", "provider", "show", provider);
            Ctl.Result busy = admin.run("integration", "provider", "remove", provider);
            Ctl.Result unlinked = admin.run("integration", "unlink", id);
            Ctl.Result removed = admin.run("integration", "provider", "remove", provider);

            assertThat(linked.json().get("username").asText()).isEqualTo("service_account_group_345_ab");
            assertThat(list.out()).contains(provider, "service_account", "acme", "read_repository");
            assertThat(show.out()).contains("platform-owner", "1 integration(s)");
            assertThat(busy.code()).isEqualTo(ExitCode.CONFLICT.code());
            assertThat(unlinked.code()).as(unlinked.toString()).isZero();
            assertThat(calls).contains("DELETE /api/v4/groups/345/service_accounts/57");
            assertThat(removed.code()).as(removed.toString()).isZero();
            for (Ctl.Result r : List.of(registered, linked, list, show, busy, unlinked, removed)) {
                assertThat(r.out() + r.err()).doesNotContain(OWNER).doesNotContain(MINTED);
            }
        } finally {
            gitlab.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Path kek() throws IOException {
        Path keyFile = Files.createTempFile("carapulse-kek", ".b64");
        byte[] key = new byte[32];
        new java.util.Random(7).nextBytes(key);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
        return keyFile;
    }
}
