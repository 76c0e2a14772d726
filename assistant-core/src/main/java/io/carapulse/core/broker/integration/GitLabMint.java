package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mints the dedicated GitLab identity of an {@code automated} integration with its credential provider's token,
 * and deprovisions it. {@code service_account}: {@code POST /groups/:id/service_accounts}, the account joins the
 * group with the provider's role ({@code POST /groups/:id/members}), then
 * {@code POST /groups/:id/service_accounts/:user_id/personal_access_tokens}; {@code project_access_token}:
 * {@code POST /projects/:id/access_tokens}. The minted token must then open {@code GET /api/v4/user}. Whatever
 * fails after something was minted deprovisions it at once (best effort) and says so.
 */
@Singleton
class GitLabMint {

    private static final int MAX_NAME = 100;

    private final CredentialProviderRows providers;
    private final SecretStore secrets;
    private final GitLabApi gitlab;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    GitLabMint(CredentialProviderRows providers, SecretStore secrets, GitLabApi gitlab,
               TransactionOperations<Connection> tx, Clock clock) {
        this.providers = providers;
        this.secrets = secrets;
        this.gitlab = gitlab;
        this.tx = tx;
        this.clock = clock;
    }

    Provisioned mint(Link link) {
        CredentialProvider p = tx.executeRead(s -> providers.find(link.credentialProvider())).orElseThrow(() ->
                Refusal.invalid("credentialProvider", "no credential provider '" + link.credentialProvider() + "'"));
        String admin = token(p);
        String name = name(link);
        LocalDate expires = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(p.expiresInDays());
        if (p.serviceAccounts()) {
            JsonNode account = gitlab.createServiceAccount(p.baseUrl(), p.targetId(), name, admin);
            String userId = ProviderHttp.text(account, "id");
            if (userId == null || !userId.matches("[0-9]{1,18}")) {
                throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, "GitLab created a service account but did not answer"
                        + " with its id; look for '" + name + "' in group " + p.targetPath());
            }
            Source source = new Source(null, Source.SERVICE_ACCOUNT, null, p.id(), p.targetId(), userId, null);
            try {
                gitlab.addMember(p.baseUrl(), p.targetId(), userId, p.accessLevel(), admin);
                GitLabApi.MintedToken t = gitlab.createServiceAccountToken(p.baseUrl(), p.targetId(), userId, name,
                        p.scopes(), expires, admin);
                return provisioned(p, new Source(null, Source.SERVICE_ACCOUNT, null, p.id(), p.targetId(), userId, t.id()), t);
            } catch (Refusal e) {
                throw undone(e, deprovision(p, source, admin));
            }
        }
        GitLabApi.MintedToken t = gitlab.createProjectToken(p.baseUrl(), p.targetId(), name, p.scopes(), p.accessLevel(),
                expires, admin);
        Source source = new Source(null, Source.PROJECT_ACCESS_TOKEN, null, p.id(), p.targetId(), t.userId(), t.id());
        try {
            return provisioned(p, source, t);
        } catch (Refusal e) {
            throw undone(e, deprovision(p, source, admin));
        }
    }

    /**
     * Deprovisions what {@code source} names at GitLab: never throws; what GitLab said. The provider's token is
     * read from the broker.
     */
    GitLabApi.Removal deprovision(Source source) {
        CredentialProvider p = tx.executeRead(s -> providers.find(source.credentialProviderId())).orElse(null);
        if (p == null) {
            return new GitLabApi.Removal(false, 0, "credential provider " + source.credentialProviderId() + " is gone");
        }
        String admin;
        try {
            admin = token(p);
        } catch (Refusal e) {
            return new GitLabApi.Removal(false, 0, e.getMessage());
        }
        return deprovision(p, source, admin);
    }

    private GitLabApi.Removal deprovision(CredentialProvider p, Source source, String admin) {
        return Source.SERVICE_ACCOUNT.equals(source.kind())
                ? gitlab.deleteServiceAccount(p.baseUrl(), p.targetId(), source.userId(), admin)
                : gitlab.deleteProjectToken(p.baseUrl(), p.targetId(), source.tokenId(), admin);
    }

    /** Checks the minted token at GitLab and describes what was minted. */
    private Provisioned provisioned(CredentialProvider p, Source source, GitLabApi.MintedToken t) {
        JsonNode user = gitlab.user(p.baseUrl(), t.token());
        Identity identity = new Identity(ProviderHttp.text(user, "username"), ProviderHttp.text(user, "id"), t.scopes());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("credentialProvider", p.id());
        details.put("mode", p.mode());
        details.put("target", p.targetPath());
        details.put("gitlabUserId", source.userId());
        details.put("gitlabTokenId", source.tokenId());
        details.put("tokenExpiresAt", t.expiresAt());
        return new Provisioned(identity, p.baseUrl(), Map.of(Provider.GITLAB.secretName("token"), t.token()), source, details);
    }

    private String token(CredentialProvider p) {
        try (Plaintext t = secrets.read(CredentialProvider.owner(p.id()), CredentialProvider.TOKEN).orElseThrow(() ->
                new Refusal(ProblemCode.CREDENTIAL_UNAVAILABLE, "credential provider " + p.id()
                        + " has no stored token; remove it and register it again"))) {
            return t.reveal();
        }
    }

    /** {@code e}, saying what became of the identity minted before it. */
    private static Refusal undone(Refusal e, GitLabApi.Removal r) {
        String said = r.gone() ? "the identity minted for it was deprovisioned"
                : "the identity minted for it could not be deprovisioned (" + (r.status() == 0 ? "" : "GitLab answered "
                + r.status() + " ") + r.message() + "): remove it in GitLab";
        return new Refusal(e.code(), e.getMessage() + "; " + said, e.extensions());
    }

    /** The service account's and token's name: {@code carapulse-global}, {@code carapulse-prod-staging}. */
    private static String name(Link link) {
        String name = "carapulse-" + (link.global() ? "global" : String.join("-", link.environments()));
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
