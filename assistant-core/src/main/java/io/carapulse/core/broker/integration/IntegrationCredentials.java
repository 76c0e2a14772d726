package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.core.broker.BrokerKeys;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The one place a credential leaves the broker: {@link #issue} turns an integration into what its user
 * hands to the service (the stored token of a {@code pat}, the username and API token of
 * {@code basic_auth}, an installation token minted from a GitHub App's key, the token a GitLab credential
 * provider minted for an {@code automated} integration). Callers (the tool families through their inventory's {@code integration:<provider>}
 * references, the agents' credentials endpoint, token exchange) decide whether the caller may have it
 * and audit the access; this class only reads and decrypts. It never returns a key that mints
 * credentials (a GitHub App's private key): such auth types issue what was minted from it.
 */
@Singleton
public class IntegrationCredentials {

    private final IntegrationRows rows;
    private final SecretStore secrets;
    private final BrokerKeys keys;
    private final TransactionOperations<Connection> tx;
    private final GitHubAppMint appMint;
    private final AgentDirectory agents;

    IntegrationCredentials(IntegrationRows rows, SecretStore secrets, BrokerKeys keys, TransactionOperations<Connection> tx,
                           GitHubAppMint appMint, AgentDirectory agents) {
        this.agents = agents;
        this.appMint = appMint;
        this.rows = rows;
        this.secrets = secrets;
        this.keys = keys;
        this.tx = tx;
    }

    /**
     * What a credential is, as issued: {@code token} for the service (for {@code basic_auth}, the API
     * token, with {@code username}), when it stops working if the broker knows ({@code expiresAt}, null
     * for a stored token), and its kind ({@code pat}, {@code basic_auth}, {@code installation_token}, {@code access_token}). Close it when handed over.
     */
    public record Issued(String integrationId, String provider, String kind, Plaintext token, String username,
                         Instant expiresAt) implements AutoCloseable {

        @Override
        public void close() {
            token.close();
        }

        @Override
        public String toString() {
            return "Issued[" + integrationId + ", " + provider + ", " + kind + "]";
        }
    }

    /**
     * The integration of {@code provider} that serves {@code environment}: the one scoped to the
     * environment, else the global one; empty when neither exists.
     */
    public Optional<IntegrationView> serving(String provider, String environment) {
        keys.require();
        return tx.executeRead(s -> servingIn(provider, environment));
    }

    /**
     * The integration of {@code provider} that belongs to the agent {@code agent} ({@code token:<id>},
     * {@code oidc:<sub>}, {@code runbook:<name>}), if there is one.
     */
    public Optional<IntegrationView> own(String provider, String agent) {
        keys.require();
        return tx.executeRead(s -> ownIn(provider, agent));
    }

    /** {@link #serving}, inside the caller's transaction. */
    private Optional<IntegrationView> servingIn(String provider, String environment) {
        return rows.holder(provider, environment).or(() -> rows.global(provider)).flatMap(rows::find);
    }

    /** {@link #own}, inside the caller's transaction. */
    private Optional<IntegrationView> ownIn(String provider, String agent) {
        return rows.agentHolder(provider, agent).flatMap(rows::find).filter(i -> active(agent));
    }

    /** The integration a call uses, and the agent whose own it is (null for the environment's or the global one). */
    public record Chosen(IntegrationView integration, String agent) {
    }

    /**
     * The integration a call of {@code provider} in {@code environment} uses, acting for {@code agents} in order
     * (the runbook the plan acts as, then its requester): the first one's own integration of the provider, else
     * the one serving the environment ({@link #serving}); read at once, in one transaction.
     */
    public Optional<Chosen> forCall(String provider, String environment, java.util.List<String> agents) {
        keys.require();
        return tx.executeRead(s -> {
            for (String agent : agents) {
                Optional<IntegrationView> own = ownIn(provider, agent);
                if (own.isPresent()) {
                    return Optional.of(new Chosen(own.get(), agent));
                }
            }
            return servingIn(provider, environment).map(i -> new Chosen(i, null));
        });
    }

    /** Whether {@code agent} is one still: a token not revoked, a subject still listed, a runbook not retired. */
    private boolean active(String agent) {
        try {
            agents.require("agent", agent);
            return true;
        } catch (Refusal r) {
            return false;
        }
    }

    /** The integration {@code id}, if it exists. */
    public Optional<IntegrationView> find(String id) {
        keys.require();
        return tx.executeRead(s -> rows.find(id));
    }

    /**
     * The credential of {@code integration}, read and decrypted now.
     *
     * @param deadline when a credential that must be minted has to be there
     * @throws Refusal {@code credential_unavailable} when its secret is gone or the auth type issues nothing
     */
    public Issued issue(IntegrationView integration, Instant deadline) {
        keys.require();
        Provider provider = Provider.fromWire(integration.provider())
                .orElseThrow(() -> new IllegalStateException("stored provider " + integration.provider()));
        String owner = Integrations.owner(integration.id());
        return switch (integration.authType()) {
            case "pat" -> new Issued(integration.id(), provider.wire(), "pat",
                    secret(owner, provider.secretName("token"), integration), integration.username(), null);
            case "basic_auth" -> new Issued(integration.id(), provider.wire(), "basic_auth",
                    secret(owner, provider.secretName("api_token"), integration), integration.username(), null);
            case "app" -> appMint.issue(integration, deadline);
            case "automated" -> new Issued(integration.id(), provider.wire(), "access_token",
                    secret(owner, provider.secretName("token"), integration), integration.username(), null);
            case "oauth" -> throw new Refusal(ProblemCode.CREDENTIAL_UNAVAILABLE, "integration " + integration.id()
                    + " (" + provider.wire() + " oauth) issues per person: calls in its scope act as the person who"
                    + " asked for the plan, through their own connection; it has no credential to hand out", Map.of());
            default -> throw new Refusal(ProblemCode.CREDENTIAL_UNAVAILABLE, "integration " + integration.id()
                    + " (" + integration.authType() + ") issues no credential in this build", Map.of());
        };
    }

    private Plaintext secret(String owner, String name, IntegrationView integration) {
        return tx.executeRead(s -> secrets.read(owner, name)).orElseThrow(() -> new Refusal(
                ProblemCode.CREDENTIAL_UNAVAILABLE, "integration " + integration.id() + " has no stored " + name
                + "; unlink and link it again", Map.of()));
    }
}
