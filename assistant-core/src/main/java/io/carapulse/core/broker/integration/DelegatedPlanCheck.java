package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.config.Environment;
import io.carapulse.config.InventoryPart;
import io.carapulse.config.InventorySection;
import io.carapulse.config.SecretRef;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.broker.BrokerKeys;
import io.carapulse.core.broker.connection.ConnectionProvider;
import io.carapulse.core.broker.connection.Connections;
import io.carapulse.core.plan.ValidatedStep;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * At plan creation and edit: a step whose tool takes its credential from the broker
 * ({@code integration:<provider>} in the environment's part of that tool's family) where the serving
 * integration is delegated ({@code oauth}) will act as the plan's requester, so the requester must have a
 * connected connection to the provider now. Refused otherwise, audited, naming the step and the command that
 * connects; execution checks again (a connection can be revoked in between).
 */
@Singleton
public class DelegatedPlanCheck {

    private final List<InventorySection<?>> sections;
    private final IntegrationCredentials credentials;
    private final BrokerKeys keys;
    private final PolicyService policy;
    private final BeanProvider<Connections> connections;

    DelegatedPlanCheck(List<InventorySection<?>> sections, IntegrationCredentials credentials, BrokerKeys keys,
                       PolicyService policy, BeanProvider<Connections> connections) {
        this.sections = List.copyOf(sections);
        this.credentials = credentials;
        this.keys = keys;
        this.policy = policy;
        this.connections = connections;
    }

    /**
     * Refuses, with {@code validation_failed} audited as {@code action} on plan {@code planId} (null before it
     * exists), the first step of {@code steps} that would act through a delegated integration for which
     * {@code requester} (the plan's requester; {@code actor} is who asks now) has no connected connection. A step
     * whose plan acts as an agent with an integration of its own for the provider ({@code agent}, the runbook making
     * the plan, null for none; else the requester when that is an agent) does not act through the environment's.
     */
    public void require(Actor actor, String requester, String agent, Environment env, List<ValidatedStep> steps,
                        String action, String planId) {
        if (keys.keyring().isEmpty()) {
            return; // no broker, no integration: execution refuses integration: references itself
        }
        for (ValidatedStep step : steps) {
            for (SecretRef ref : references(env, step.tool())) {
                String provider = ref.locator();
                Optional<IntegrationView> serving = credentials.serving(provider, env.name());
                if (serving.isEmpty() || !Delegated.is(serving.get()) || ownIntegration(provider, agent, requester)) {
                    continue;
                }
                ConnectionProvider p = Delegated.connectionProvider(Provider.fromWire(provider).orElseThrow());
                if (connections.get().connected(requester, p)) {
                    continue;
                }
                String where = "steps[" + step.position() + "] (" + step.tool() + "." + step.action() + ")";
                String message = "integration " + serving.get().id() + " (" + provider + " oauth) acts as the person"
                        + " who asked for the plan; " + requester + " has no connected " + p.display()
                        + " connection"
                        + (requester.equals(actor.id()) && actor.agent() ? " (agents have no connections)"
                        : " (assistantctl connection connect " + p.wire() + ")");
                throw policy.deny(actor, action, "plan", planId, ProblemCode.VALIDATION_FAILED, where + ": " + message,
                        Map.of("errors", List.of(Map.of("step", step.position(), "message", message))));
            }
        }
    }

    private boolean ownIntegration(String provider, String agent, String requester) {
        return agent != null && credentials.own(provider, agent).isPresent()
                || credentials.own(provider, requester).isPresent();
    }

    /** The broker references of the part of {@code env}'s inventory that belongs to {@code tool}'s family. */
    private List<SecretRef> references(Environment env, String tool) {
        for (InventorySection<?> section : sections) {
            if (section.key().equals(tool)) {
                return env.inventory().part(section.type()).map(InventoryPart::brokerReferences).orElse(List.of());
            }
        }
        return List.of();
    }
}
