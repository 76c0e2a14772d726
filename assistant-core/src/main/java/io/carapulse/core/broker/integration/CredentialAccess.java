package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.broker.BrokerKeys;
import io.carapulse.core.broker.BrokerNotConfiguredException;
import io.carapulse.core.observability.CarapulseMeters;
import io.carapulse.core.policy.Capabilities;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Credential-only access (seed 002): an agent takes a provider's credential from the broker without a
 * plan, through {@code GET /v1/integrations/credentials} or RFC 8693 token exchange; both come here. In
 * order: the caller is an agent → the request names a provider (and a configured environment, if any) →
 * the broker has its key → the agent's own integration of the provider, else, if it holds
 * {@code credentials:<provider>} in the environment, the integration serving it → issued
 * ({@link IntegrationCredentials#issue}). Every grant and every refusal is audited with the actor as
 * {@value #ACTION}, subject the integration (or the provider before one is known); never the credential.
 */
@Singleton
public class CredentialAccess {

    public static final String ACTION = "integration.credentials";
    /** How long a credential that must be minted may take. */
    private static final Duration MINT_WITHIN = Duration.ofSeconds(30);

    private final IntegrationCredentials credentials;
    private final IntegrationRows rows;
    private final Capabilities capabilities;
    private final EnvironmentCatalog catalog;
    private final BrokerKeys keys;
    private final AuditService audit;
    private final CarapulseMeters meters;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    CredentialAccess(IntegrationCredentials credentials, IntegrationRows rows, Capabilities capabilities,
                     EnvironmentCatalog catalog, BrokerKeys keys, AuditService audit, CarapulseMeters meters,
                     TransactionOperations<Connection> tx, Clock clock) {
        this.credentials = credentials;
        this.rows = rows;
        this.capabilities = capabilities;
        this.catalog = catalog;
        this.keys = keys;
        this.audit = audit;
        this.meters = meters;
        this.tx = tx;
        this.clock = clock;
    }

    /** Why access was refused: the problem for the API, the RFC 6749 error for token exchange. Already audited. */
    public static final class Refused extends RuntimeException {

        private final ProblemCode code;
        private final String oauthError;

        Refused(ProblemCode code, String oauthError, String detail) {
            super(detail, null, false, false);
            this.code = code;
            this.oauthError = oauthError;
        }

        public ProblemCode code() {
            return code;
        }

        /** {@code invalid_request}, {@code unauthorized_client}, {@code invalid_target}, {@code invalid_scope}, … */
        public String oauthError() {
            return oauthError;
        }
    }

    /**
     * The credential of {@code provider} for {@code actor}; close it once handed over.
     *
     * @param environment the environment whose integration is wanted (optional when the agent has its own)
     * @param channel     how it was asked for, for the audit: {@code credentials} or {@code token-exchange}
     * @throws Refused every refusal, audited
     */
    public IntegrationCredentials.Issued grant(Actor actor, String provider, String environment, String channel) {
        String subject = provider == null || provider.isBlank() ? null : provider;
        if (!actor.agent()) {
            throw refuse(actor, subject, environment, channel, ProblemCode.FORBIDDEN, "unauthorized_client",
                    "credential-only access is for agents (API tokens created as agents); people and other tokens "
                            + "use the broker's credentials through plans");
        }
        if (subject == null) {
            throw refuse(actor, null, environment, channel, ProblemCode.VALIDATION_FAILED, "invalid_request",
                    "provider: required: one of " + providers());
        }
        Optional<Provider> known = Provider.fromWire(provider);
        if (known.isEmpty()) {
            throw refuse(actor, subject, environment, channel, ProblemCode.VALIDATION_FAILED, "invalid_target",
                    "provider: '" + provider + "' is not supported; supported: " + providers());
        }
        if (environment != null && catalog.find(environment).isEmpty()) {
            throw refuse(actor, subject, environment, channel, ProblemCode.ENVIRONMENT_NOT_ALLOWED, "invalid_scope",
                    "Environment '" + environment + "' not found");
        }
        try {
            keys.require();
        } catch (BrokerNotConfiguredException e) {
            throw refuse(actor, subject, environment, channel, ProblemCode.BROKER_NOT_CONFIGURED,
                    "temporarily_unavailable", e.getMessage());
        }
        String wire = known.get().wire();
        Optional<IntegrationView> own = tx.executeRead(s -> rows.agentHolder(wire, actor.id()).flatMap(rows::find));
        IntegrationView integration;
        String via;
        if (own.isPresent()) {
            integration = own.get();
            via = "agent";
        } else {
            if (environment == null) {
                throw refuse(actor, subject, null, channel, ProblemCode.NOT_FOUND, "invalid_target",
                        "No integration found for agent '" + actor.name() + "': it has no " + wire
                                + " integration of its own; name the environment whose integration it may use");
            }
            String capability = "credentials:" + wire;
            if (!capabilities.holds(actor, environment, capability)) {
                throw refuse(actor, subject, environment, channel, ProblemCode.FORBIDDEN, "unauthorized_client",
                        "taking a " + wire + " credential in '" + environment + "' needs the capability " + capability
                                + ", which you do not hold");
            }
            integration = credentials.serving(wire, environment).orElseThrow(() -> refuse(actor, subject, environment,
                    channel, ProblemCode.NOT_FOUND, "invalid_target", "No integration found for environment=" + environment));
            via = "environment";
        }
        IntegrationCredentials.Issued issued;
        try {
            issued = credentials.issue(integration, Instant.now(clock).plus(MINT_WITHIN));
        } catch (Refusal r) {
            throw refuse(actor, integration.id(), environment, channel, r.code(), "invalid_target", r.getMessage());
        }
        try {
            tx.executeWrite(s -> audit.record(AuditEntry.allow(actor, ACTION, Integrations.SUBJECT, integration.id())
                    .with("provider", wire).with("environment", environment).with("via", via)
                    .with("channel", channel).with("kind", issued.kind())
                    .with("expiresAt", issued.expiresAt() == null ? null : issued.expiresAt().toString())));
        } catch (RuntimeException e) {
            issued.close(); // not audited, not handed out
            throw e;
        }
        return issued;
    }

    private static String providers() {
        return String.join(", ", java.util.Arrays.stream(Provider.values()).map(Provider::wire).toList());
    }

    private Refused refuse(Actor actor, String subject, String environment, String channel, ProblemCode code,
                           String oauthError, String detail) {
        audit.recordDenial(AuditEntry.deny(actor, ACTION, Integrations.SUBJECT, subject, code.code())
                .with("environment", environment).with("channel", channel).with("detail", detail));
        meters.denial(code.code());
        return new Refused(code, oauthError, detail);
    }
}
