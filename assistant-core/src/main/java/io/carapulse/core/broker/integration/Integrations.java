package io.carapulse.core.broker.integration;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.IntegrationCreateRequest;
import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Links, lists, shows and unlinks integrations. Link: admin → the request is valid → no integration of
 * the provider holds the scope yet → the service accepts the credential → in one transaction the
 * integration, its environments, its secrets ({@link SecretStore}, owner {@code integration:<id>}) and
 * the audit record. Any refusal on the way stores nothing and is audited with the actor. Unlink deletes
 * the integration, its environments and its secrets in one transaction, audited.
 */
@Singleton
public class Integrations {

    public static final String LINK = "integration.link";
    public static final String UNLINK = "integration.unlink";
    static final String SUBJECT = "integration";
    private static final String UNIQUE_VIOLATION = "23505";

    private final IntegrationRows rows;
    private final SecretStore secrets;
    private final CredentialCheck check;
    private final EnvironmentCatalog catalog;
    private final PolicyService policy;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final io.carapulse.core.broker.BrokerKeys keys;
    private final Provisioning provisioning;
    private final AgentDirectory agents;
    private final Delegated delegated;

    Integrations(IntegrationRows rows, SecretStore secrets, CredentialCheck check, EnvironmentCatalog catalog,
                 PolicyService policy, AuditService audit, TransactionOperations<Connection> tx, Clock clock,
                 io.carapulse.core.broker.BrokerKeys keys, Provisioning provisioning, AgentDirectory agents,
                 Delegated delegated) {
        this.delegated = delegated;
        this.keys = keys;
        this.provisioning = provisioning;
        this.agents = agents;
        this.rows = rows;
        this.secrets = secrets;
        this.check = check;
        this.catalog = catalog;
        this.policy = policy;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The secrets' owner in the broker for integration {@code id}. */
    public static String owner(String id) {
        return "integration:" + id;
    }

    public IntegrationView link(Actor actor, IntegrationCreateRequest request) {
        if (!actor.has(Role.ADMIN)) {
            throw policy.deny(actor, LINK, SUBJECT, null, ProblemCode.FORBIDDEN, "linking an integration needs the admin role");
        }
        try {
            Link link = Link.of(request, catalog, ref -> tx.executeRead(s -> agents.require("agent", ref).id()));
            if (link.authType() == AuthType.OAUTH) {
                delegated.requireApp(link); // people connect through the platform's OAuth app
            }
            keys.require(); // the role, then the request, then state: no key, no call to the service
            tx.executeRead(s -> {
                requireFree(link);
                return null;
            });
            if (link.authType() == AuthType.OAUTH) { // delegated: nothing to check at the provider, nothing stored
                IntegrationView view = view(actor, link, Delegated.identity(), delegated.baseUrl(link));
                store(actor, link, view, null);
                return view;
            }
            if (Provisioning.handles(link)) {
                Provisioned provisioned = provisioning.provision(link);
                IntegrationView view = view(actor, link, provisioned.identity(), provisioned.baseUrl());
                try {
                    store(actor, link, view, provisioned);
                } catch (RuntimeException e) {
                    provisioning.undo(actor, view.id(), provisioned, e); // what was minted is not left behind
                    throw e;
                }
                return view;
            }
            Identity identity = check.check(link.provider(), link.baseUrl(), link.credentials(), link.validateUrl());
            IntegrationView view = view(actor, link, identity, link.baseUrl());
            store(actor, link, view, null);
            return view;
        } catch (Refusal r) {
            throw policy.deny(actor, LINK, SUBJECT, null, r.code(), r.getMessage(), r.extensions());
        }
    }

    public List<IntegrationView> list(Actor actor, String provider, String environment) {
        return list(actor, provider, environment, null);
    }

    /** {@link #list(Actor, String, String)}, and only the integrations of {@code agent} (as {@link AgentDirectory} names one) when given. */
    public List<IntegrationView> list(Actor actor, String provider, String environment, String agent) {
        policy.requireReader(actor, "integration.list", SUBJECT, null);
        keys.require();
        if (provider != null && Provider.fromWire(provider).isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "provider: '" + provider
                    + "' is not supported; supported: " + Provider.supported());
        }
        if (environment != null && catalog.find(environment).isEmpty()) {
            throw new ProblemException(ProblemCode.ENVIRONMENT_NOT_ALLOWED, "Environment '" + environment + "' not found");
        }
        return tx.executeRead(s -> {
            String agentId = null;
            if (agent != null) {
                try {
                    agentId = agents.require("agent", agent).id();
                } catch (Refusal r) {
                    throw new ProblemException(r.code(), r.getMessage(), r.extensions());
                }
            }
            return rows.list(provider, environment, agentId);
        });
    }

    public IntegrationView get(Actor actor, String id) {
        policy.requireReader(actor, "integration.read", SUBJECT, id);
        keys.require();
        return tx.executeRead(s -> rows.find(id)).orElseThrow(() -> notFound(id));
    }

    /** Deletes the integration, its environments and its secrets, together or not at all. */
    public void unlink(Actor actor, String id) {
        if (!actor.has(Role.ADMIN)) {
            throw policy.deny(actor, UNLINK, SUBJECT, id, ProblemCode.FORBIDDEN, "unlinking an integration needs the admin role");
        }
        keys.require();
        // best effort, before: the integration goes even when GitLab fails, and its audit says what happened
        java.util.Map<String, Object> deprovisioned = provisioning.deprovision(id);
        tx.executeWrite(s -> {
            IntegrationView v = rows.find(id).orElseThrow(() -> notFound(id));
            int removed = secrets.delete(owner(id));
            rows.delete(id);
            AuditEntry entry = AuditEntry.allow(actor, UNLINK, SUBJECT, id).with("provider", v.provider())
                    .with("scope", v.scope()).with("environments", v.environments()).with("secrets", removed);
            for (var d : deprovisioned.entrySet()) {
                entry = entry.with(d.getKey(), d.getValue());
            }
            audit.record(entry);
            return null;
        });
        provisioning.forget(id);
    }

    /** Stores the integration; {@code provisioned} (null for a stored token) has the secrets and the source. */
    private void store(Actor actor, Link link, IntegrationView view, Provisioned provisioned) {
        try {
            tx.executeWrite(s -> {
                requireFree(link);
                rows.insert(view);
                if (provisioned != null) {
                    for (var secret : provisioned.secrets().entrySet()) {
                        try (Plaintext p = Plaintext.ofString(secret.getValue())) {
                            secrets.put(owner(view.id()), secret.getKey(), p);
                        }
                    }
                    provisioning.stored(view.id(), provisioned);
                } else if (link.authType() != AuthType.OAUTH) { // a delegated link stores no credential of its own
                    for (String key : link.provider().secretKeys()) {
                        try (Plaintext p = Plaintext.ofString(link.credentials().get(key))) {
                            secrets.put(owner(view.id()), link.provider().secretName(key), p);
                        }
                    }
                }
                AuditEntry entry = AuditEntry.allow(actor, LINK, SUBJECT, view.id()).with("provider", view.provider())
                        .with("authType", view.authType()).with("scope", view.scope())
                        .with("environments", view.environments()).with("baseUrl", view.baseUrl())
                        .with("username", view.username()).with("externalId", view.externalId())
                        .with("agent", view.agent());
                if (link.authType() == AuthType.OAUTH) {
                    entry = entry.with("delegated", true);
                }
                if (provisioned != null) {
                    for (var detail : provisioned.details().entrySet()) {
                        entry = entry.with(detail.getKey(), detail.getValue());
                    }
                }
                audit.record(entry);
                return null;
            });
        } catch (RuntimeException e) {
            if (!uniqueViolation(e)) {
                throw e;
            }
            // another link of the same provider and scope committed between the check and the insert
            tx.executeRead(s -> {
                requireFree(link);
                return null;
            });
            throw new Refusal(ProblemCode.CONFLICT, link.provider().wire() + " was linked for this scope meanwhile");
        }
    }

    /** Refuses (409) when an integration of the provider already holds the link's scope, naming it. */
    private void requireFree(Link link) {
        String provider = link.provider().wire();
        if (link.agent() != null) {
            Optional<String> held = rows.agentHolder(provider, link.agent());
            if (held.isPresent()) {
                throw new Refusal(ProblemCode.CONFLICT, provider + " already has an integration for agent '"
                        + link.agent() + "': " + held.get() + "; unlink it first (at most one per provider per agent)");
            }
            return;
        }
        if (link.global()) {
            Optional<String> held = rows.global(provider);
            if (held.isPresent()) {
                throw new Refusal(ProblemCode.CONFLICT, provider + " already has a global integration: " + held.get()
                        + "; unlink it first (at most one per provider and scope)");
            }
            return;
        }
        for (String env : link.environments()) {
            Optional<String> held = rows.holder(provider, env);
            if (held.isPresent()) {
                throw new Refusal(ProblemCode.CONFLICT, provider + " already has an integration for environment '"
                        + env + "': " + held.get() + "; unlink it first (at most one per provider and scope)");
            }
        }
    }

    private IntegrationView view(Actor actor, Link link, Identity identity, java.net.URI baseUrl) {
        String username = link.provider() == Provider.JIRA ? link.credentials().get("username") : identity.username();
        return new IntegrationView(Ids.integration(), link.provider().wire(), link.authType().name(), link.scope(),
                link.environments(), baseUrl.toString(), username, identity.externalId(), identity.scopes(),
                IntegrationRows.ACTIVE, actor.name(), Times.now(clock), link.agent());
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no integration " + id);
    }

    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
