package io.carapulse.core.broker.connection;

import io.carapulse.api.dto.ConnectionTokenRequest;
import io.carapulse.core.broker.integration.Refusal;
import io.carapulse.core.broker.integration.TokenCheck;
import java.net.URI;

import io.carapulse.api.dto.ConnectionStartView;
import io.carapulse.api.dto.ConnectionView;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Connecting a person to a provider: {@link #start} (authenticated: a random state, stored as its sha256
 * with the person, and a PKCE verifier stored encrypted; 10 minutes) and {@link #callback} (the browser,
 * unauthenticated, back from the provider: the state, used once, says whose connection it is → the code is
 * exchanged with the verifier → the provider says who the token is → in one transaction the connection,
 * its tokens (owner {@code connection:<id>}) and the audit record, replacing the person's previous
 * connection to that provider). Every refusal is audited and stores nothing.
 */
@Singleton
class ConnectionFlow {

    static final String START = "connection.start";
    static final String CONNECT = "connection.connect";
    /** The kinds of a connection: through the consent page, or the person's own token. */
    static final String OAUTH = "oauth";
    static final String USER_TOKEN = "user_token";
    static final Duration STATE_TTL = Duration.ofMinutes(10);
    /** Started flows are forgotten (with their verifiers) this long after they began. */
    private static final Duration STATE_RETENTION = Duration.ofDays(1);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final String VERIFIER = "pkce:verifier";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NOT_CONNECTED = "Not connected";

    private final ConnectionRows rows;
    private final SecretStore secrets;
    private final OAuthApps apps;
    private final OAuthClient client;
    private final PolicyService policy;
    private final AuditService audit;
    private final BrokerKeys keys;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final TokenCheck tokens;

    ConnectionFlow(ConnectionRows rows, SecretStore secrets, OAuthApps apps, OAuthClient client, PolicyService policy,
                   AuditService audit, BrokerKeys keys, TransactionOperations<Connection> tx, Clock clock,
                   TokenCheck tokens) {
        this.tokens = tokens;
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

    /** What the browser is shown at the end of the callback. */
    record Page(int status, String title, String message) {
    }

    ConnectionStartView start(Actor actor, String providerName) {
        Connections.requirePerson(policy, actor, START, null);
        ConnectionProvider provider = Connections.provider(policy, actor, START, providerName);
        keys.require();
        OAuthApp app;
        try {
            app = apps.require(provider);
        } catch (ProblemException e) {
            throw policy.deny(actor, START, Connections.SUBJECT, null, e.problem(), e.getMessage());
        }
        String state = random();
        String hash = sha256Hex(state);
        Instant now = Times.now(clock);
        Instant expiresAt = now.plus(STATE_TTL);
        try (Plaintext verifier = Plaintext.ofString(random())) {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier.reveal()));
            tx.executeWrite(s -> {
                for (String old : rows.statesBefore(now.minus(STATE_RETENTION))) {
                    secrets.delete(stateOwner(old));
                    rows.deleteState(old);
                }
                rows.insertState(hash, actor, provider, expiresAt, now);
                secrets.put(stateOwner(hash), VERIFIER, verifier);
                audit.record(AuditEntry.allow(actor, START, Connections.SUBJECT, null).with("provider", provider.wire())
                        .with("expiresAt", expiresAt.toString()));
                return null;
            });
            return new ConnectionStartView(client.authorizeUrl(app, state, challenge).toString(), state, expiresAt);
        }
    }

    /**
     * A {@code user_token} connection: the person's own personal access token, checked at the provider (its
     * {@code /user}, at the OAuth app's API URL when one is configured, else the public one) and stored like an
     * OAuth connection's access token, replacing the person's previous connection to the provider. Nothing is
     * stored when the provider refuses the token or cannot be reached.
     */
    ConnectionView connectToken(Actor actor, String providerName, ConnectionTokenRequest request) {
        Connections.requirePerson(policy, actor, CONNECT, null);
        ConnectionProvider provider = Connections.provider(policy, actor, CONNECT, providerName);
        if (request == null || request.token() == null || request.token().isBlank()) {
            throw policy.deny(actor, CONNECT, Connections.SUBJECT, null, ProblemCode.VALIDATION_FAILED,
                    "token: required: your personal access token for " + provider.display());
        }
        String token = request.token().strip();
        if (token.length() > 4096 || token.chars().anyMatch(Character::isWhitespace)) {
            throw policy.deny(actor, CONNECT, Connections.SUBJECT, null, ProblemCode.VALIDATION_FAILED,
                    "token: not a token (" + token.length() + " characters, not shown)");
        }
        keys.require();
        String api = apps.find(provider).map(a -> a.apiUrl().toString()).orElse(provider.defaultApiUrl())
                .replaceAll("/+$", "");
        URI base = URI.create(provider == ConnectionProvider.GITLAB ? api.replaceAll("/api/v4$", "") : api);
        TokenCheck.Checked who;
        try {
            who = tokens.check(provider.wire(), base, token);
        } catch (Refusal r) {
            throw policy.deny(actor, CONNECT, Connections.SUBJECT, null, r.code(), r.getMessage(), r.extensions());
        }
        try (OAuthClient.Grant grant = new OAuthClient.Grant(Plaintext.ofString(token), null, null, who.scopes())) {
            return store(actor, provider, grant, new OAuthClient.Identity(who.username(), who.externalId()), USER_TOKEN);
        } catch (ProblemException e) {
            if (e.isAudited()) {
                throw e;
            }
            throw policy.deny(actor, CONNECT, Connections.SUBJECT, null, e.problem(), e.getMessage());
        }
    }

    /**
     * The provider's answer, brought by the browser: never throws for anything the browser or the provider
     * sent; the page says what happened.
     */
    Page callback(String code, String state, String error, String errorDescription) {
        // without a state that names a person the caller is anonymous: not audited (api.md, "Refusals"),
        // so nobody can flood the audit chain through this unauthenticated address
        if (state == null || state.isBlank()) {
            return new Page(400, NOT_CONNECTED, "This address has no state: open the link that "
                    + "assistantctl connection connect printed.");
        }
        keys.require();
        String hash = sha256Hex(state);
        Instant now = Times.now(clock);
        Optional<ConnectionRows.State> found = tx.executeRead(s -> rows.state(hash));
        if (found.isEmpty()) {
            return new Page(400, NOT_CONNECTED, "This connection request is unknown: start again with "
                    + "assistantctl connection connect.");
        }
        ConnectionRows.State st = found.get();
        ConnectionProvider provider = st.provider();
        String again = " Start again with assistantctl connection connect " + provider.wire() + ".";
        if (st.usedAt() != null) {
            return refuse(st.actor(), provider, 400, "This connection request was already used." + again, "state already used");
        }
        if (!now.isBefore(st.expiresAt())) {
            return refuse(st.actor(), provider, 400, "This connection request expired." + again, "state expired");
        }
        Optional<Plaintext> claimed = tx.executeWrite(s -> {
            if (!rows.useState(hash, now)) {
                return Optional.<Plaintext>empty();
            }
            Optional<Plaintext> verifier = secrets.read(stateOwner(hash), VERIFIER);
            secrets.delete(stateOwner(hash));
            return verifier;
        });
        if (claimed.isEmpty()) {
            return refuse(st.actor(), provider, 400, "This connection request was already used." + again, "state already used");
        }
        try (Plaintext verifier = claimed.get()) {
            if (error != null) {
                return "access_denied".equals(error)
                        ? refuse(st.actor(), provider, 400, "You did not allow Carapulse to use your " + provider.display()
                                + " account; nothing was stored.", "access_denied")
                        : refuse(st.actor(), provider, 400, provider.display() + " answered " + printable(error) + ": "
                                + printable(errorDescription) + "; nothing was stored." + again, printable(error));
            }
            if (code == null || code.isBlank()) {
                return refuse(st.actor(), provider, 400, provider.display() + " sent no code; nothing was stored." + again,
                        "missing code");
            }
            return connect(st.actor(), provider, code, verifier, again);
        }
    }

    private Page connect(Actor actor, ConnectionProvider provider, String code, Plaintext verifier, String again) {
        Optional<OAuthApp> app = apps.find(provider);
        if (app.isEmpty()) {
            return refuse(actor, provider, 422, "OAuth connections to " + provider.display() + " are not configured "
                    + "any more (" + OAuthApp.key(provider, "client-id") + ").", "not configured");
        }
        try (OAuthClient.Grant grant = client.exchange(app.get(), code, verifier.reveal(), CALL_TIMEOUT)) {
            OAuthClient.Identity who = client.identity(app.get(), grant.accessToken(), CALL_TIMEOUT);
            ConnectionView view = store(actor, provider, grant, who);
            return new Page(200, "Connected to " + provider.display(), "Connected to " + provider.display() + " as "
                    + view.username() + "; you can close this window.");
        } catch (OAuthClient.TokenRefused e) {
            return refuse(actor, provider, 400, provider.display() + " refused the authorization code: " + e.error()
                    + (e.getMessage().isEmpty() ? "" : " (" + e.getMessage() + ")") + "; nothing was stored." + again,
                    e.error());
        } catch (ProblemException e) {
            return refuse(actor, provider, e.problem().status(), e.getMessage() + "." + again, e.problem().code());
        }
    }

    private ConnectionView store(Actor actor, ConnectionProvider provider, OAuthClient.Grant grant,
                                 OAuthClient.Identity who) {
        return store(actor, provider, grant, who, OAUTH);
    }

    private ConnectionView store(Actor actor, ConnectionProvider provider, OAuthClient.Grant grant,
                                 OAuthClient.Identity who, String kind) {
        Instant now = Times.now(clock);
        ConnectionView view = new ConnectionView(Ids.connection(), provider.wire(), actor.id(), actor.name(),
                who.username(), who.externalId(), grant.scopes(), ConnectionStatus.CONNECTED.wire(), grant.expiresAt(),
                now, now, kind);
        try {
            tx.executeWrite(s -> {
                Optional<ConnectionView> previous = rows.of(actor.id(), provider);
                previous.ifPresent(p -> {
                    secrets.delete(Connections.owner(p.id()));
                    rows.delete(p.id());
                });
                rows.insert(view, actor.kind().name());
                secrets.put(Connections.owner(view.id()), provider.accessTokenName(), grant.accessToken());
                if (grant.refreshToken() != null) {
                    secrets.put(Connections.owner(view.id()), provider.refreshTokenName(), grant.refreshToken());
                }
                audit.record(AuditEntry.allow(actor, CONNECT, Connections.SUBJECT, view.id())
                        .with("provider", provider.wire()).with("username", who.username())
                        .with("externalId", who.externalId()).with("scopes", grant.scopes())
                        .with("kind", kind)
                        .with("expires", grant.expiresAt() != null).with("refreshable", grant.refreshToken() != null)
                        .with("replaced", previous.map(ConnectionView::id).orElse(null)));
                return null;
            });
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                throw new ProblemException(ProblemCode.CONFLICT, "another connection to " + provider.display()
                        + " was made for you at the same time; nothing was stored");
            }
            throw e;
        }
        return view;
    }

    private Page refuse(Actor actor, ConnectionProvider provider, int status, String message, String reason) {
        try {
            policy.deny(actor, CONNECT, Connections.SUBJECT, null, status == 502 ? ProblemCode.PROVIDER_UNREACHABLE
                    : ProblemCode.VALIDATION_FAILED, provider.wire() + ": " + reason);
        } catch (ProblemException audited) {
            // recorded; the browser gets the page
        }
        return new Page(status, NOT_CONNECTED, message);
    }

    static String stateOwner(String hash) {
        return "connection-state:" + hash;
    }

    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replaceAll("\\p{Cntrl}", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
