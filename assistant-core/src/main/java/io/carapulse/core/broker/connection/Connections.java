package io.carapulse.core.broker.connection;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.ConnectionRevokedView;
import io.carapulse.api.dto.ConnectionView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.broker.BrokerKeys;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.broker.integration.IntegrationCredentials.Issued;
import io.carapulse.core.common.Times;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * People's OAuth connections once made: list (one's own; an admin anyone's), revoke (the owner or an admin:
 * at the provider, best effort, then the tokens are deleted and the connection is {@code disconnected}) and
 * {@link #issue} (the access token for its person, refreshed first when it expires within a minute; one
 * refresh at a time per connection, under its row lock, so a rotated refresh token is never lost). A
 * refresh the provider refuses as {@code invalid_grant} (GitHub: {@code bad_refresh_token}) disconnects it.
 */
@Singleton
public class Connections {

    public static final String USE = "connection.use";
    public static final String REFRESH = "connection.refresh";
    public static final String REVOKE = "connection.revoke";
    static final String SUBJECT = "connection";
    /** An access token expiring sooner than this is refreshed before it is issued. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> REVOKED_GRANT = Set.of("invalid_grant", "bad_refresh_token");

    private final ConnectionRows rows;
    private final SecretStore secrets;
    private final OAuthApps apps;
    private final OAuthClient client;
    private final PolicyService policy;
    private final AuditService audit;
    private final BrokerKeys keys;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    Connections(ConnectionRows rows, SecretStore secrets, OAuthApps apps, OAuthClient client, PolicyService policy,
                AuditService audit, BrokerKeys keys, TransactionOperations<Connection> tx, Clock clock) {
        this.rows = rows;
        this.secrets = secrets;
        this.apps = apps;
        this.client = client;
        this.policy = policy;
        this.audit = audit;
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    /** The secrets' owner in the broker for connection {@code id}. */
    public static String owner(String id) {
        return "connection:" + id;
    }

    /** {@code actor}'s connections, or (an admin only) {@code of}'s. */
    public List<ConnectionView> list(Actor actor, String of) {
        policy.requireReader(actor, "connection.list", SUBJECT, null);
        if (of != null && !of.equals(actor.id()) && !actor.has(Role.ADMIN)) {
            throw policy.deny(actor, "connection.list", SUBJECT, null, ProblemCode.FORBIDDEN,
                    "listing another person's connections needs the admin role");
        }
        keys.require();
        return tx.executeRead(s -> rows.list(of == null ? actor.id() : of));
    }

    /** Revokes connection {@code id}: at the provider (best effort), then here. */
    public ConnectionRevokedView revoke(Actor actor, String id) {
        policy.requireReader(actor, REVOKE, SUBJECT, id);
        keys.require();
        ConnectionView found = tx.executeRead(s -> rows.find(id))
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no connection " + id));
        if (!found.actor().equals(actor.id()) && !actor.has(Role.ADMIN)) {
            throw policy.deny(actor, REVOKE, SUBJECT, id, ProblemCode.FORBIDDEN,
                    "only its owner or an admin may revoke a connection");
        }
        ConnectionProvider provider = ConnectionProvider.fromWire(found.provider()).orElseThrow();
        return tx.executeWrite(s -> {
            ConnectionView v = rows.lock(id).orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no connection " + id));
            boolean moves = ConnectionStatus.fromWire(v.status()).successors().contains(ConnectionStatus.DISCONNECTED);
            boolean confirmed = false;
            Optional<OAuthApp> app = apps.find(provider);
            Optional<Plaintext> token = moves ? secrets.read(owner(id), provider.accessTokenName()) : Optional.empty();
            if (token.isPresent() && ConnectionFlow.USER_TOKEN.equals(v.kind())) {
                token.get().close(); // a person's own token: only its person can revoke it at the provider
            } else if (token.isPresent() && app.isPresent()) {
                try (Plaintext t = token.get()) {
                    confirmed = client.revoke(app.get(), t, CALL_TIMEOUT);
                }
            }
            int removed = secrets.delete(owner(id));
            if (moves) {
                rows.status(id, ConnectionStatus.DISCONNECTED, Times.now(clock));
            }
            audit.record(AuditEntry.allow(actor, REVOKE, SUBJECT, id).with("provider", provider.wire())
                    .with("owner", v.actor()).with("providerConfirmed", confirmed).with("secrets", removed)
                    .with("wasStatus", v.status()).with("kind", v.kind()));
            return new ConnectionRevokedView(rows.find(id).orElseThrow(), confirmed);
        });
    }

    /**
     * The access token of {@code actorId}'s connection to {@code provider}, refreshed first when it expires
     * within {@link #REFRESH_MARGIN}; audited as {@code connection.use}. Close it once handed over.
     *
     * @param deadline when the token must be there (bounds the refresh call)
     * @throws ProblemException {@code credential_unavailable} when there is no connection, it was revoked, or a
     *                          refresh was refused; {@code provider_unreachable} when a refresh could not be made
     */
    public Issued issue(String actorId, ConnectionProvider provider, Instant deadline) {
        return issue(actorId, provider, deadline, Map.of());
    }

    /** Whether {@code actorId} has a {@code connected} connection to {@code provider} (false with the broker off). */
    public boolean connected(String actorId, ConnectionProvider provider) {
        if (keys.keyring().isEmpty() || actorId == null) {
            return false;
        }
        return tx.executeRead(s -> rows.of(actorId, provider))
                .filter(v -> ConnectionStatus.CONNECTED.wire().equals(v.status())).isPresent();
    }

    /**
     * {@link #issue(String, ConnectionProvider, Instant)}, with {@code details} (what the token is for: a tool
     * call's execution, step, environment) added to the {@code connection.use} audit record.
     */
    public Issued issue(String actorId, ConnectionProvider provider, Instant deadline, Map<String, Object> details) {
        keys.require();
        ConnectionView v = tx.executeRead(s -> rows.of(actorId, provider)).orElseThrow(() -> policy.deny(
                person(actorId, actorId), USE, SUBJECT, null, ProblemCode.CREDENTIAL_UNAVAILABLE, actorId + " has no "
                        + provider.display() + " connection; connect with assistantctl connection connect " + provider.wire()));
        Actor owner = person(v.actor(), v.actorName());
        if (!ConnectionStatus.CONNECTED.wire().equals(v.status())) {
            throw revoked(owner, v, provider);
        }
        Instant now = Times.now(clock);
        if (v.expiresAt() != null && v.expiresAt().isBefore(now.plus(REFRESH_MARGIN))) {
            boolean refreshed;
            try {
                refreshed = refresh(owner, v.id(), provider, timeout(deadline, now));
            } catch (ProblemException e) {
                if (e.isAudited()) {
                    throw e;
                }
                throw policy.deny(owner, USE, SUBJECT, v.id(), e.problem(), e.getMessage(), e.extensions());
            }
            if (!refreshed) {
                throw revoked(owner, v, provider);
            }
        }
        return tx.executeWrite(s -> {
            ConnectionView current = rows.find(v.id()).orElseThrow(() -> revoked(owner, v, provider));
            Plaintext token = secrets.read(owner(v.id()), provider.accessTokenName())
                    .orElseThrow(() -> revoked(owner, v, provider));
            AuditEntry use = AuditEntry.allow(owner, USE, SUBJECT, v.id()).with("provider", provider.wire())
                    .with("expiresAt", current.expiresAt() == null ? null : current.expiresAt().toString());
            for (Map.Entry<String, Object> d : details.entrySet()) {
                use = use.with(d.getKey(), d.getValue());
            }
            audit.record(use);
            return new Issued(v.id(), provider.wire(), "oauth", token, current.username(), current.expiresAt());
        });
    }

    /**
     * Refreshes the connection's tokens under its row lock, unless another refresh did meanwhile; false when
     * the provider refused the refresh token (the connection is then disconnected, its tokens deleted).
     */
    private boolean refresh(Actor owner, String id, ConnectionProvider provider, Duration timeout) {
        OAuthApp app = apps.find(provider).orElseThrow(() -> policy.deny(owner, USE, SUBJECT, id,
                ProblemCode.CREDENTIAL_UNAVAILABLE, "the " + provider.display() + " access token of connection " + id
                        + " expired and OAuth connections to " + provider.display() + " are not configured ("
                        + OAuthApp.key(provider, "client-id") + ")"));
        return tx.executeWrite(s -> {
            ConnectionView v = rows.lock(id).orElse(null);
            Instant now = Times.now(clock);
            if (v == null || !ConnectionStatus.CONNECTED.wire().equals(v.status())) {
                return false;
            }
            if (v.expiresAt() == null || !v.expiresAt().isBefore(now.plus(REFRESH_MARGIN))) {
                return true; // refreshed by another caller while this one waited for the lock
            }
            Optional<Plaintext> stored = secrets.read(owner(id), provider.refreshTokenName());
            if (stored.isEmpty()) {
                disconnect(owner, v, provider, "no refresh token", now);
                return false;
            }
            try (Plaintext refreshToken = stored.get();
                 OAuthClient.Grant grant = client.refresh(app, refreshToken, timeout)) {
                secrets.put(owner(id), provider.accessTokenName(), grant.accessToken());
                if (grant.refreshToken() != null) {
                    secrets.put(owner(id), provider.refreshTokenName(), grant.refreshToken());
                }
                rows.refreshed(id, grant.expiresAt(), grant.scopes(), now);
                audit.record(AuditEntry.allow(owner, REFRESH, SUBJECT, id).with("provider", provider.wire())
                        .with("expiresAt", grant.expiresAt() == null ? null : grant.expiresAt().toString())
                        .with("rotated", grant.refreshToken() != null));
                return true;
            } catch (OAuthClient.TokenRefused e) {
                if (!REVOKED_GRANT.contains(e.error())) {
                    throw new ProblemException(ProblemCode.PROVIDER_UNREACHABLE, provider.display()
                            + " refused to refresh the token of connection " + id + ": " + e.error());
                }
                disconnect(owner, v, provider, e.error(), now);
                return false;
            }
        });
    }

    private void disconnect(Actor owner, ConnectionView v, ConnectionProvider provider, String why, Instant now) {
        int removed = secrets.delete(owner(v.id()));
        rows.status(v.id(), ConnectionStatus.DISCONNECTED, now);
        audit.record(AuditEntry.deny(owner, REFRESH, SUBJECT, v.id(), ProblemCode.CREDENTIAL_UNAVAILABLE.code())
                .with("provider", provider.wire()).with("providerSaid", why).with("secrets", removed)
                .with("status", ConnectionStatus.DISCONNECTED.wire()));
    }

    private ProblemException revoked(Actor owner, ConnectionView v, ConnectionProvider provider) {
        return policy.deny(owner, USE, SUBJECT, v.id(), ProblemCode.CREDENTIAL_UNAVAILABLE, "the " + provider.display()
                + " connection of " + v.actorName() + " was revoked; connect again (assistantctl connection connect "
                + provider.wire() + ")");
    }

    private static Duration timeout(Instant deadline, Instant now) {
        Duration left = deadline == null ? CALL_TIMEOUT : Duration.between(now, deadline);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : left.compareTo(CALL_TIMEOUT) > 0 ? CALL_TIMEOUT : left;
    }

    private static Actor person(String id, String name) {
        return new Actor(id, name, id.startsWith("oidc:") ? AuthKind.OIDC : AuthKind.API_TOKEN, Set.of());
    }

    /** Connections are people's: an OIDC user or an API token, with a role. */
    static void requirePerson(PolicyService policy, Actor actor, String action, String id) {
        policy.requireReader(actor, action, SUBJECT, id);
        if (actor.kind() != AuthKind.OIDC && actor.kind() != AuthKind.API_TOKEN) {
            throw policy.deny(actor, action, SUBJECT, id, ProblemCode.FORBIDDEN,
                    "connections belong to people: sign in with OIDC or an API token");
        }
    }

    /** The provider named in a request, or the audited 422. */
    static ConnectionProvider provider(PolicyService policy, Actor actor, String action, String name) {
        return ConnectionProvider.fromWire(name).orElseThrow(() -> policy.deny(actor, action, SUBJECT, null,
                ProblemCode.VALIDATION_FAILED, "provider: '" + name + "' has no OAuth connections; supported: "
                        + ConnectionProvider.supported()));
    }
}
