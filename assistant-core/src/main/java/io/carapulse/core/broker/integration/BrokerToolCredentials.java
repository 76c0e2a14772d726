package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.broker.BrokerKeys;
import io.carapulse.core.broker.connection.ConnectionProvider;
import io.carapulse.core.broker.connection.Connections;
import io.carapulse.tools.lease.BrokerCredentials;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool families' way into the broker ({@link BrokerCredentials}): an inventory's
 * {@code integration:<provider>} reference becomes, for one call, the credential of the integration
 * serving the call's environment, or the agent's own integration when the call acts as an agent (the runbook that
 * made the plan, else the plan's requester when that is an agent). Each lease and each refusal is an audit record
 * ({@value #USE}) with the call's execution, step, stage and requester, never the credential.
 */
@Singleton
public class BrokerToolCredentials implements BrokerCredentials {

    /** The audit action of a credential leased to a tool call. */
    public static final String USE = "integration.use";

    private final IntegrationCredentials credentials;
    private final BrokerKeys keys;
    private final AuditService audit;
    /** Lazily: connections answer through the policy, whose capabilities know the tools, which need this. */
    private final Provider<Connections> connections;
    private final Delegated delegated;

    BrokerToolCredentials(IntegrationCredentials credentials, BrokerKeys keys, AuditService audit,
                          Provider<Connections> connections, Delegated delegated) {
        this.delegated = delegated;
        this.connections = connections;
        this.credentials = credentials;
        this.keys = keys;
        this.audit = audit;
    }

    @Override
    public Optional<String> serving(String provider, String environment) {
        if (keys.keyring().isEmpty()) {
            return Optional.empty();
        }
        return credentials.serving(provider, environment).map(IntegrationView::id);
    }

    @Override
    public Leased lease(String provider, String environment, String tool, ToolContext context) {
        if (keys.keyring().isEmpty()) {
            throw refuse(provider, null, environment, tool, context, "integration:" + provider + " needs the credential "
                    + "broker, which is not configured (carapulse.broker.key-encryption-key)");
        }
        IntegrationCredentials.Chosen chosen = credentials.forCall(provider, environment, agents(context))
                .orElseThrow(() -> refuse(provider, null, environment, tool, context, "No integration found for"
                        + " environment=" + environment + " (provider " + provider + "); link one: assistantctl"
                        + " integration link " + provider + " --env " + environment));
        IntegrationView integration = chosen.integration();
        boolean delegates = Delegated.is(integration); // oauth: the requester's own connection, or nothing
        try (IntegrationCredentials.Issued issued = delegates ? delegated.issue(integration, environment, tool, context)
                : credentials.issue(integration, context.deadline())) {
            AuditEntry use = entry(AuditEntry.allow(Actor.SYSTEM, USE, Integrations.SUBJECT, integration.id()), provider,
                    environment, tool, context).with("kind", issued.kind());
            if (chosen.agent() != null) {
                use = use.with("agent", chosen.agent());
            }
            audit.recordDenial(delegates ? use.with("mode", "delegated").with("connection", issued.integrationId()) : use);
            return new Leased(integration.id(), issued.token().reveal());
        } catch (Refusal r) {
            throw refuse(provider, integration.id(), environment, tool, context, r.getMessage());
        }
    }

    /**
     * Whom the call acts for ({@link ToolContext#actingFor()}), as agents whose own integration comes first, in order:
     * the runbook that made the plan (while its steps are the runbook's), then the plan's requester (only an agent has
     * integrations of its own). None for a call made outside a plan.
     */
    private static List<String> agents(ToolContext context) {
        List<String> agents = new ArrayList<>(2);
        context.actingFor().ifPresent(a -> {
            a.agent().ifPresent(agents::add);
            agents.add(a.requester());
        });
        return agents;
    }

    /** Whether the call acts as an agent with an integration of {@code provider} of its own, which comes first. */
    private boolean actsAsAgent(String provider, ToolContext context) {
        return agents(context).stream().anyMatch(a -> credentials.own(provider, a).isPresent());
    }

    /**
     * The requester's own token when they have a connected OAuth connection to {@code provider}, issued by
     * {@link Connections} (refreshed if need be) and audited there as {@code connection.use} with the call's
     * details; empty otherwise, and when the connection cannot issue now (revoked, refresh refused: audited
     * by {@link Connections}), so the environment's credentials act instead; empty as well when the call acts as
     * an agent with an integration of its own, which comes first.
     */
    @Override
    public Optional<Leased> personal(String provider, String requester, String environment, String tool,
                                     ToolContext context) {
        Optional<ConnectionProvider> p = ConnectionProvider.fromWire(provider);
        if (p.isEmpty() || keys.keyring().isEmpty() || actsAsAgent(provider, context)
                || !connections.get().connected(requester, p.get())) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("environment", environment);
        details.put("tool", tool);
        details.put("execution", context.executionId());
        context.origin().ifPresent(o -> {
            details.put("plan", o.planId());
            details.put("step", o.stepPosition());
            details.put("stage", o.stage());
        });
        try (IntegrationCredentials.Issued issued = connections.get().issue(requester, p.get(), context.deadline(), details)) {
            return Optional.of(new Leased(issued.integrationId(), issued.token().reveal()));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    private ToolException refuse(String provider, String integrationId, String environment, String tool,
                                 ToolContext context, String reason) {
        audit.recordDenial(entry(AuditEntry.deny(Actor.SYSTEM, USE, Integrations.SUBJECT,
                integrationId == null ? provider : integrationId, reason), provider, environment, tool, context));
        return new ToolException(ToolFailure.CONFIGURATION_INVALID, tool + ": " + reason, null);
    }

    private static AuditEntry entry(AuditEntry entry, String provider, String environment, String tool, ToolContext context) {
        AuditEntry e = entry.with("provider", provider).with("environment", environment).with("tool", tool)
                .with("execution", context.executionId());
        Optional<ToolCallOrigin> origin = context.origin();
        if (origin.isPresent()) {
            e = e.with("plan", origin.get().planId()).with("step", origin.get().stepPosition())
                    .with("stage", origin.get().stage()).with("requester", origin.get().requester());
        } else if (context.actingFor().isPresent()) { // a write's preview, while its plan is made
            e = e.with("stage", "preview").with("requester", context.actingFor().get().requester());
        }
        return e;
    }
}
