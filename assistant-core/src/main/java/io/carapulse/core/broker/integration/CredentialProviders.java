package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.CredentialProviderCreateRequest;
import io.carapulse.api.dto.CredentialProviderView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.broker.BrokerKeys;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;

/**
 * Registers, lists, shows and removes GitLab credential providers. Register: admin → the request is valid →
 * the broker has its key → GitLab accepts the token ({@code GET /api/v4/user}) and it reaches the group or
 * project → in one transaction the row, its token ({@link SecretStore}, owner {@code provider:<id>}, name
 * {@code gitlab:token}) and the audit record. Remove: admin; refused (409) while an integration holds an
 * identity it minted. Every refusal is audited with the actor.
 */
@Singleton
public class CredentialProviders {

    public static final String REGISTER = "integration.provider.register";
    public static final String REMOVE = "integration.provider.remove";
    static final String SUBJECT = "credential_provider";

    private final CredentialProviderRows rows;
    private final IntegrationSources sources;
    private final SecretStore secrets;
    private final GitLabApi gitlab;
    private final PolicyService policy;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final BrokerKeys keys;

    CredentialProviders(CredentialProviderRows rows, IntegrationSources sources, SecretStore secrets, GitLabApi gitlab,
                        PolicyService policy, AuditService audit, TransactionOperations<Connection> tx, Clock clock,
                        BrokerKeys keys) {
        this.rows = rows;
        this.sources = sources;
        this.secrets = secrets;
        this.gitlab = gitlab;
        this.policy = policy;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.keys = keys;
    }

    public CredentialProviderView register(Actor actor, CredentialProviderCreateRequest request) {
        if (!actor.has(Role.ADMIN)) {
            throw policy.deny(actor, REGISTER, SUBJECT, null, ProblemCode.FORBIDDEN,
                    "registering a credential provider needs the admin role");
        }
        try {
            ProviderRequest r = ProviderRequest.of(request);
            keys.require();
            JsonNode user = gitlab.user(r.baseUrl(), r.token());
            boolean group = CredentialProvider.SERVICE_ACCOUNT.equals(r.mode());
            JsonNode target = gitlab.target(r.baseUrl(), group ? "groups" : "projects", r.target(), r.token(),
                    group ? "groupId" : "projectId");
            if (group && !target.path("parent_id").isNull() && !target.path("parent_id").isMissingNode()) {
                throw Refusal.invalid("groupId", "'" + r.target() + "' is a subgroup; GitLab creates service accounts in"
                        + " top-level groups only");
            }
            CredentialProvider p = new CredentialProvider(Ids.credentialProvider(), r.mode(), r.baseUrl(),
                    ProviderHttp.text(target, "id"), ProviderHttp.text(target, group ? "full_path" : "path_with_namespace"),
                    r.scopes(), r.accessLevel(), r.expiresInDays(), ProviderHttp.text(user, "username"),
                    ProviderHttp.text(user, "id"), actor.name(), Times.now(clock));
            tx.executeWrite(s -> {
                rows.insert(p);
                try (Plaintext token = Plaintext.ofString(r.token())) {
                    secrets.put(CredentialProvider.owner(p.id()), CredentialProvider.TOKEN, token);
                }
                audit.record(AuditEntry.allow(actor, REGISTER, SUBJECT, p.id()).with("provider", "gitlab")
                        .with("mode", p.mode()).with("baseUrl", p.baseUrl().toString()).with("target", p.targetPath())
                        .with("targetId", p.targetId()).with("scopes", p.scopes()).with("accessLevel", p.accessLevel())
                        .with("expiresInDays", p.expiresInDays()).with("username", p.username()));
                return null;
            });
            return p.view(0);
        } catch (Refusal e) {
            throw policy.deny(actor, REGISTER, SUBJECT, null, e.code(), e.getMessage(), e.extensions());
        }
    }

    public List<CredentialProviderView> list(Actor actor) {
        policy.requireReader(actor, "integration.provider.list", SUBJECT, null);
        keys.require();
        return tx.executeRead(s -> rows.list().stream().map(p -> p.view(sources.countByProvider(p.id()))).toList());
    }

    public CredentialProviderView get(Actor actor, String id) {
        policy.requireReader(actor, "integration.provider.read", SUBJECT, id);
        keys.require();
        return tx.executeRead(s -> rows.find(id).map(p -> p.view(sources.countByProvider(id))))
                .orElseThrow(() -> notFound(id));
    }

    /** Deletes the provider and its token, unless integrations hold identities it minted (409). */
    public void remove(Actor actor, String id) {
        if (!actor.has(Role.ADMIN)) {
            throw policy.deny(actor, REMOVE, SUBJECT, id, ProblemCode.FORBIDDEN,
                    "removing a credential provider needs the admin role");
        }
        keys.require();
        try {
            tx.executeWrite(s -> {
                CredentialProvider p = rows.find(id).orElseThrow(() -> notFound(id));
                long used = sources.countByProvider(id);
                if (used > 0) {
                    throw new Refusal(ProblemCode.CONFLICT, "credential provider " + id + " minted the identities of "
                            + used + " integration(s); unlink them first (that deprovisions them)");
                }
                int removed = secrets.delete(CredentialProvider.owner(id));
                rows.delete(id);
                audit.record(AuditEntry.allow(actor, REMOVE, SUBJECT, id).with("mode", p.mode())
                        .with("target", p.targetPath()).with("secrets", removed));
                return null;
            });
        } catch (Refusal e) {
            throw policy.deny(actor, REMOVE, SUBJECT, id, e.code(), e.getMessage(), e.extensions());
        } catch (RuntimeException e) {
            if (!referenced(e)) {
                throw e;
            }
            // an automated link committed between the count and the delete; the database kept the reference
            throw policy.deny(actor, REMOVE, SUBJECT, id, ProblemCode.CONFLICT, "credential provider " + id
                    + " minted an integration's identity meanwhile; unlink it first");
        }
    }

    private static boolean referenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no credential provider " + id);
    }
}
