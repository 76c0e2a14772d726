package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.tool.ActingFor;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.broker.connection.ConnectionProvider;
import io.carapulse.core.broker.connection.Connections;
import io.carapulse.core.broker.connection.OAuthApps;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delegated ({@code authType: oauth}) integrations: in their scope, calls act as the person who asked for
 * the plan, through that person's own OAuth connection ({@link Connections}); the integration holds no
 * credential. Linking one needs the platform's OAuth app for the provider and no credentials; a tool call
 * gets the requester's connection token or is refused, never another credential.
 */
@Singleton
class Delegated {

    /** Integration-specific OAuth apps (seed 002's override), refused with a pointer to the platform app. */
    private static final Set<String> APP_KEYS = Set.of("clientId", "clientSecret");

    private final OAuthApps apps;
    /** Lazily: connections answer through the policy, whose capabilities know the tools, which need the broker. */
    private final BeanProvider<Connections> connections;

    Delegated(OAuthApps apps, BeanProvider<Connections> connections) {
        this.apps = apps;
        this.connections = connections;
    }

    /** Whether {@code integration} is delegated: it issues each requester's own connection token. */
    static boolean is(IntegrationView integration) {
        return AuthType.OAUTH.name().equals(integration.authType());
    }

    /** {@code credentials} of an oauth link: exactly an empty object. */
    static Credentials credentials(Provider provider, JsonNode node) {
        String what = provider.wire() + " oauth stores no credential: calls act as the person who asked, through"
                + " their own connection; give \"credentials\": {}";
        if (node == null || node.isNull()) {
            throw Refusal.invalid("credentials", "required: " + what);
        }
        if (!node.isObject()) {
            throw Refusal.invalid("credentials", "must be an object: " + what);
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (APP_KEYS.contains(key)) {
                throw Refusal.invalid("credentials." + key, "an integration-specific OAuth app is not built yet;"
                        + " every " + provider.wire() + " oauth integration uses the platform's OAuth app ("
                        + OAuthApps.clientIdKey(connectionProvider(provider)).replace(".client-id", ".*")
                        + ", docs/integrations.md#setting-up-the-oauth-app)");
            }
            throw Refusal.invalid("credentials." + key, "not a key of these credentials; " + what);
        }
        return new Credentials(Map.of());
    }

    /** Refuses (422, naming the key to set) when people cannot connect to the link's provider. */
    void requireApp(Link link) {
        ConnectionProvider p = connectionProvider(link.provider());
        if (!apps.configured(p)) {
            throw Refusal.invalid("authType", link.provider().wire() + " oauth acts through people's own "
                    + p.display() + " connections, which are not configured on this server: set "
                    + OAuthApps.clientIdKey(p) + " (docs/integrations.md#setting-up-the-oauth-app)");
        }
    }

    /** Where the people's tokens are used: the platform OAuth app's API URL (checked configured before). */
    java.net.URI baseUrl(Link link) {
        return apps.apiUrl(connectionProvider(link.provider())).orElseThrow();
    }

    /** What linking a delegated integration stores: nothing to check at the provider, no identity of its own. */
    static Identity identity() {
        return Identity.UNKNOWN;
    }

    /**
     * The token of the person who asked for the plan the call belongs to, from their own connection (issued by
     * {@link Connections}, audited there as {@code connection.use} with the call's details).
     *
     * @throws Refusal {@code credential_unavailable}, in the user's terms, when the call has no person behind it,
     *                 the person has no connected connection, or it cannot issue now
     */
    IntegrationCredentials.Issued issue(IntegrationView integration, String environment, String tool,
                                        ToolContext context) {
        ConnectionProvider p = connectionProvider(Provider
                .fromWire(integration.provider()).orElseThrow());
        String acts = "integration " + integration.id() + " (" + integration.provider() + " oauth) acts as the person"
                + " who asked for the plan; ";
        String connect = " (assistantctl connection connect " + p.wire() + ")";
        Optional<ToolCallOrigin> origin = context.origin();
        String requester = context.actingFor().map(ActingFor::requester).orElse(null);
        if (requester == null) {
            throw unavailable(acts + "this call is not made for a plan, so there is no requester to act as");
        }
        if (Actor.SYSTEM.id().equals(requester)) {
            throw unavailable(acts + "this plan was made by the system, which has no " + p.display() + " connection");
        }
        if (!connections.get().connected(requester, p)) {
            throw unavailable(acts + requester + " has no connected " + p.display() + " connection" + connect);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("integration", integration.id());
        details.put("environment", environment);
        details.put("tool", tool);
        details.put("execution", context.executionId());
        origin.ifPresent(o -> {
            details.put("plan", o.planId());
            details.put("step", o.stepPosition());
            details.put("stage", o.stage());
        });
        try {
            return connections.get().issue(requester, p, context.deadline(), details);
        } catch (ProblemException e) {
            throw unavailable(acts + "the " + p.display() + " connection of " + requester + " cannot be used now: "
                    + e.getMessage());
        }
    }

    /** The connection provider of an integration provider that takes oauth (github, gitlab). */
    static ConnectionProvider connectionProvider(Provider provider) {
        return ConnectionProvider.fromWire(provider.wire()).orElseThrow(() -> new IllegalStateException(
                provider.wire() + " takes no oauth"));
    }

    private static Refusal unavailable(String reason) {
        return new Refusal(ProblemCode.CREDENTIAL_UNAVAILABLE, reason);
    }
}
