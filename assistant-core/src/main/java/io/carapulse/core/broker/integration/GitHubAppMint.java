package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.config.SecretRef;
import io.carapulse.core.broker.KeyRotation;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.tools.github.GitHubAppTokens;
import io.carapulse.tools.github.GitHubCredentials;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints a GitHub App integration's installation tokens ({@link GitHubAppTokens}: the app's JWT signed with the
 * private key read from the broker at that moment, exchanged at {@code POST /app/installations/{id}/access_tokens}).
 * A token is kept in memory per integration and handed out until five minutes before it expires; then the next
 * issue mints another. The cache of an integration goes when it is unlinked ({@link #forget}) and all of them
 * when the broker's key is rotated. The private key never leaves: it is read, signs, and is dropped.
 */
@Singleton
public class GitHubAppMint implements ApplicationEventListener<KeyRotation.Result> {

    /** The name the key is looked up by in the broker, for {@link GitHubAppTokens}' reference. */
    private static final SecretRef KEY = new SecretRef("env", "github_private_key");

    private final ProviderHttp http;
    private final Clock clock;
    private final SecretStore secrets;
    private final IntegrationSources sources;
    private final TransactionOperations<Connection> tx;
    private final Map<String, GitHubAppTokens> byIntegration = new ConcurrentHashMap<>();

    GitHubAppMint(ProviderHttp http, Clock clock, SecretStore secrets, IntegrationSources sources,
                  TransactionOperations<Connection> tx) {
        this.http = http;
        this.clock = clock;
        this.secrets = secrets;
        this.sources = sources;
        this.tx = tx;
    }

    /**
     * An installation token of {@code integration} valid for five more minutes at least; minting waits for
     * GitHub until {@code deadline} (at most 30 s; 30 s when null).
     *
     * @throws Refusal {@code credential_unavailable} when the key is gone or GitHub refuses it,
     *                 {@code provider_unreachable} / {@code provider_rate_limited} as GitHub answers
     */
    IntegrationCredentials.Issued issue(IntegrationView integration, java.time.Instant deadline) {
        String id = integration.id();
        Source source = tx.executeRead(s -> sources.find(id)).filter(s -> Source.GITHUB_APP.equals(s.kind()))
                .orElseThrow(() -> new Refusal(ProblemCode.CREDENTIAL_UNAVAILABLE, "integration " + id
                        + " has no GitHub App recorded; unlink and link it again"));
        GitHubCredentials.App app = new GitHubCredentials.App(Long.parseLong(source.appId()),
                Long.parseLong(integration.externalId()), KEY);
        GitHubAppTokens tokens = byIntegration.computeIfAbsent(id,
                k -> new GitHubAppTokens(http.client(), clock, name -> privateKey(k)));
        String base = integration.baseUrl().endsWith("/")
                ? integration.baseUrl().substring(0, integration.baseUrl().length() - 1) : integration.baseUrl();
        try {
            GitHubAppTokens.InstallationToken t = tokens.installationToken(URI.create(base), app,
                    deadline == null ? java.time.Instant.now().plusSeconds(30) : deadline);
            return new IntegrationCredentials.Issued(id, Provider.GITHUB.wire(), "installation_token",
                    Plaintext.ofString(t.token()), integration.username(), t.expiresAt());
        } catch (ToolException e) {
            throw refusal(id, e);
        }
    }

    /** Drops what is cached for integration {@code id} (it is being unlinked). */
    void forget(String id) {
        byIntegration.remove(id);
    }

    /** The broker's key was rotated: every cached token is dropped; the next issue mints. */
    @Override
    public void onApplicationEvent(KeyRotation.Result event) {
        byIntegration.clear();
    }

    /** The PEM, read now; null when it is not stored (the tokens' reference then says the key is unavailable). */
    private String privateKey(String id) {
        return secrets.read(Integrations.owner(id), Provider.GITHUB.secretName("private_key"))
                .map(p -> {
                    try (p) {
                        return p.reveal();
                    }
                }).orElse(null);
    }

    private static Refusal refusal(String id, ToolException e) {
        String what = "integration " + id + ": ";
        return switch (e.failure()) {
            case RATE_LIMITED -> new Refusal(ProblemCode.PROVIDER_RATE_LIMITED, what + said(e) + "; try again later",
                    Map.of("retryAfterSeconds", 60L));
            case UNAVAILABLE, TIMED_OUT, CANCELLED -> new Refusal(ProblemCode.PROVIDER_UNREACHABLE, what + said(e));
            case CONFIGURATION_INVALID -> new Refusal(ProblemCode.CREDENTIAL_UNAVAILABLE, what
                    + "its stored GitHub App private key is missing or cannot be used; unlink and link it again");
            default -> new Refusal(ProblemCode.CREDENTIAL_UNAVAILABLE, what + said(e));
        };
    }

    /** The tool's message without its family prefix. */
    private static String said(ToolException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.startsWith("github: ") ? m.substring("github: ".length()) : m;
    }
}
