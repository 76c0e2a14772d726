package io.carapulse.tools.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Environments, a WireMock Vault for the server's login and child tokens, fixtures and calls shared by the
 * vault tests. The fixtures are shaped like Vault 1.15.6's HTTP API and {@code -format=json} CLI output.
 */
final class VaultTestSupport {

    /** Canaries: none may ever appear in argv, output, results, errors or emitted lines. */
    static final String SERVER_TOKEN = "hvs.server-canary-5b1d9e0f7a2c";
    static final String CHILD_TOKEN = "hvs.child-canary-8e41c07d2b9f";
    static final String ROLE_ID = "role-id-canary-0c7d2e5a";
    static final String SECRET_ID = "secret-id-canary-6f1b8d3e";
    static final String KV_VALUE = "kv-value-canary-3e9a71c4";

    static final String SERVER_ACCESSOR = "AQ3p1server0accessor7Zk";
    static final String CHILD_ACCESSOR = "Xq7childAccessor4Lm2";
    static final String NAMESPACE = "team-a";
    static final String LEASE = "database/creds/app/Hk3Yq9a0bN2cD4eF5gH6iJ7k";

    private static final ObjectMapper JSON = new ObjectMapper();

    private VaultTestSupport() {
    }

    /** {@code prod} has a Vault at {@code address} (AppRole login, namespace team-a); {@code dev} has none. */
    static EnvironmentCatalog catalog(String address) {
        VaultSection vault = new VaultSection(List.of(new VaultProperties("prod", new VaultProperties.Server(
                address, NAMESPACE,
                Map.of("method", "approle", "role-id", "env:VAULT_ROLE_ID", "secret-id", "env:VAULT_SECRET_ID"),
                List.of("carapulse-ops"),
                Map.of("secret", List.of("app/", "payments/")),
                List.of("database/creds/app/"),
                List.of("database/app-static")))));
        return new EnvironmentCatalog(List.of(env("prod"), env("dev")), List.of(vault));
    }

    private static EnvironmentProperties env(String name) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"));
    }

    /** A selector whose PATH is {@code path} (a fake's directory, or an empty one to force HTTP). */
    static TransportSelector selector(Path path) {
        return new TransportSelector(new BinaryLocator(path.toString(), Clock.systemUTC()),
                List.of(ToolSettings.defaults("vault")));
    }

    static VaultAdapter adapter(String address, Path path, ProcessRunner runner) {
        return new VaultAdapter(catalog(address), selector(path), new CliInvoker(runner), name -> switch (name) {
            case "VAULT_ROLE_ID" -> ROLE_ID;
            case "VAULT_SECRET_ID" -> SECRET_ID;
            default -> null;
        });
    }

    /** The server's AppRole login, child token creation and revocation, as Vault 1.15 answers them. */
    static void stubAuth(WireMockServer vault) {
        vault.stubFor(post(urlEqualTo("/v1/auth/approle/login"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"role_id\": \"" + ROLE_ID + "\", \"secret_id\": \"" + SECRET_ID + "\"}"))
                .willReturn(okJson(fixture("login.json"))));
        vault.stubFor(post(urlEqualTo("/v1/auth/token/create")).withHeader("X-Vault-Token", equalTo(SERVER_TOKEN))
                .willReturn(okJson(fixture("token-create.json"))));
        vault.stubFor(post(urlEqualTo("/v1/auth/token/revoke-accessor"))
                .withHeader("X-Vault-Token", equalTo(SERVER_TOKEN)).willReturn(aResponse().withStatus(204)));
    }

    static String address(WireMockServer vault) {
        return "http://127.0.0.1:" + vault.port();
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ToolCall call(String action, String args) {
        return new ToolCall("vault", action, json(args), "prod");
    }

    static String fixture(String name) {
        try (InputStream in = VaultTestSupport.class.getResourceAsStream("/vault/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Valid arguments of every action in {@code prod}. */
    static Map<String, ObjectNode> validArguments() {
        return Map.of(
                "status", json("{}"),
                "kv-list", json("{\"mount\": \"secret\", \"path\": \"app/\"}"),
                "kv-metadata", json("{\"mount\": \"secret\", \"path\": \"app/db\"}"),
                "lease-lookup", json("{\"leaseId\": \"" + LEASE + "\"}"),
                "audit-devices", json("{}"),
                "lease-renew", json("{\"leaseId\": \"" + LEASE + "\", \"incrementSeconds\": 3600}"),
                "kv-rollback", json("{\"mount\": \"secret\", \"path\": \"app/db\", \"version\": 2}"),
                "db-rotate-role", json("{\"mount\": \"database\", \"role\": \"app-static\"}"),
                "lease-revoke", json("{\"leaseId\": \"" + LEASE + "\"}"),
                "lease-revoke-prefix", json("{\"prefix\": \"database/creds/app/\"}"));
    }
}
