package io.carapulse.core.broker.integration;

import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth types whose credential the broker does not store as given: linking checks a GitHub App
 * ({@link GitHubAppCheck}) or mints a GitLab identity through a credential provider ({@link GitLabMint});
 * unlinking forgets the app's cached tokens or deprovisions the identity. {@link Integrations} calls this for
 * every auth type but a provider's first (a token or basic auth, checked by {@link CredentialCheck}).
 */
@Singleton
class Provisioning {

    /** The audit action of deprovisioning an identity minted for a link that could not be stored. */
    static final String DEPROVISION = "integration.deprovision";
    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final GitHubAppCheck appCheck;
    private final GitHubAppMint appMint;
    private final GitLabMint gitlabMint;
    private final IntegrationSources sources;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;

    Provisioning(GitHubAppCheck appCheck, GitHubAppMint appMint, GitLabMint gitlabMint, IntegrationSources sources,
                 AuditService audit, TransactionOperations<Connection> tx) {
        this.appCheck = appCheck;
        this.appMint = appMint;
        this.gitlabMint = gitlabMint;
        this.sources = sources;
        this.audit = audit;
        this.tx = tx;
    }

    /** Whether {@code link}'s auth type is one of these. */
    static boolean handles(Link link) {
        return link.authType() == AuthType.GITHUB_APP || link.authType() == AuthType.GITLAB_AUTOMATED;
    }

    /**
     * Checks, or mints, before anything is stored.
     *
     * @throws Refusal as the service answered; what was minted before a refusal is deprovisioned, and the
     *                 refusal says so
     */
    Provisioned provision(Link link) {
        return link.authType() == AuthType.GITHUB_APP ? appCheck.check(link) : gitlabMint.mint(link);
    }

    /** Records where integration {@code id}'s credential comes from, in the caller's transaction. */
    void stored(String id, Provisioned p) {
        sources.insert(p.source().of(id));
    }

    /**
     * Storing integration {@code id} failed after {@code p} was minted: deprovisions it (best effort) and audits
     * what happened, in a transaction of its own. Never throws.
     */
    void undo(Actor actor, String id, Provisioned p, RuntimeException why) {
        if (!p.source().deprovisions()) {
            return;
        }
        Map<String, Object> said = said(gitlabMint.deprovision(p.source()));
        try {
            tx.executeWrite(s -> {
                AuditEntry entry = AuditEntry.allow(actor, DEPROVISION, Integrations.SUBJECT, id)
                        .withReason("the link could not be stored (" + why.getClass().getSimpleName() + ")")
                        .with("credentialProvider", p.source().credentialProviderId()).with("mode", p.source().kind())
                        .with("gitlabUserId", p.source().userId()).with("gitlabTokenId", p.source().tokenId());
                for (var e : said.entrySet()) {
                    entry = entry.with(e.getKey(), e.getValue());
                }
                audit.record(entry);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("credential broker: the link of {} could not be stored; its GitLab identity (user {}, token {}) {}"
                    + " and the audit of it failed too ({})", id, p.source().userId(), p.source().tokenId(),
                    said.get("deprovisioned").equals(true) ? "was deprovisioned" : "is still there", e.getClass().getSimpleName());
        }
    }

    /**
     * Deprovisions integration {@code id}'s minted identity if it has one (best effort, before it is unlinked):
     * what the unlink's audit records ({@code deprovisioned}, GitLab's status and message); empty when there is
     * nothing to deprovision.
     */
    Map<String, Object> deprovision(String id) {
        Optional<Source> source = tx.executeRead(s -> sources.find(id)).filter(Source::deprovisions);
        if (source.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("credentialProvider", source.get().credentialProviderId());
        out.put("mode", source.get().kind());
        out.putAll(said(gitlabMint.deprovision(source.get())));
        return out;
    }

    /** Integration {@code id} is gone: nothing of it stays cached. */
    void forget(String id) {
        appMint.forget(id);
    }

    private static Map<String, Object> said(GitLabApi.Removal r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deprovisioned", r.gone());
        out.put("gitlabStatus", r.status());
        out.put("gitlabMessage", r.message());
        return out;
    }
}
