package io.carapulse.core.console;

import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.auth.StoredRoles;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.token.TokenService;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The console's sessions and one-time sign-in links, kept in the database so that any replica
 * answers for them. The browser holds a random value; the database only its sha256. A session opened
 * with an API token (or through a link made with one) ends when that token is revoked. Sign-ins,
 * sign-outs and refused links are audited.
 */
@Singleton
public class ConsoleSessions {

    /** Writing last_seen_at on every page load would turn each read into a write. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final ConsoleSessionRepository sessions;
    private final ConsoleLoginLinkRepository links;
    private final TokenService tokens;
    private final AuditService audit;
    private final ConsoleConfiguration config;
    private final Clock clock;

    public ConsoleSessions(ConsoleSessionRepository sessions, ConsoleLoginLinkRepository links, TokenService tokens,
                           AuditService audit, ConsoleConfiguration config, Clock clock) {
        this.sessions = sessions;
        this.links = links;
        this.tokens = tokens;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** A signed-in person: who, with which CSRF token, since when. */
    public record Session(String id, Actor actor, String csrf, String method, Instant createdAt) {
    }

    /** A new session: the cookie value for the browser (never stored) and the session itself. */
    public record Opened(String cookie, Session session) {
    }

    /**
     * Opens a session for the holder of the API token {@code raw}. Empty when the token is not a
     * known, active one (audited as a refused sign-in, without the token).
     */
    @Transactional
    public Optional<Opened> signInWithToken(String raw) {
        Optional<TokenService.Holder> holder = tokens.holder(raw == null ? "" : raw.strip());
        if (holder.isEmpty()) {
            audit.recordDenial(AuditEntry.deny(anonymous(), "console.sign_in", "console_session", null,
                    "invalid_token").with("method", "token"));
            return Optional.empty();
        }
        return Optional.of(open(holder.get().actor(), holder.get().tokenId(), "token"));
    }

    /** Opens a session for a person whose identity provider has just signed them in (verified claims). */
    @Transactional
    public Opened signInWithOidc(Actor actor) {
        return open(actor, null, "oidc");
    }

    /** Redeems a one-time link: a session when the code is unused and unexpired, else empty (audited). */
    @Transactional
    public Optional<Opened> signInWithLink(String code) {
        Instant now = Times.now(clock);
        String id = code == null || code.isBlank() || code.length() > 200 ? null : hash(code);
        Optional<ConsoleLoginLinkRow> row = id == null || links.redeem(id, now) != 1 ? Optional.empty() : links.findById(id);
        if (row.isEmpty()) {
            audit.recordDenial(AuditEntry.deny(anonymous(), "console.sign_in", "console_session", null,
                    "invalid_link").with("method", "link"));
            return Optional.empty();
        }
        ConsoleLoginLinkRow r = row.get();
        Actor actor = actor(r.actorId(), r.actorName(), r.actorKind(), r.roles(), r.email());
        if (r.tokenId() != null && !tokens.activeById(r.tokenId())) {
            audit.recordDenial(AuditEntry.deny(actor, "console.sign_in", "console_session", null, "token_revoked")
                    .with("method", "link"));
            return Optional.empty();
        }
        return Optional.of(open(actor, r.tokenId(), "link"));
    }

    /** A one-time link's code (the database keeps its sha256) and until when it works. */
    public record Link(String code, Instant expiresAt) {
    }

    /**
     * A one-time link that signs in as {@code actor}, valid for {@code ttl}. {@code tokenId}: the API
     * token the actor authenticated with, if any.
     */
    @Transactional
    public Link createLink(Actor actor, String tokenId, Duration ttl) {
        String code = random();
        Instant now = Times.now(clock);
        links.save(new ConsoleLoginLinkRow(hash(code), actor.id(), actor.name(), actor.kind().name(),
                StoredRoles.format(actor.roles()), actor.email(), tokenId, now, now.plus(ttl), null));
        links.deleteExpired(now.minus(Duration.ofDays(1)));
        audit.record(AuditEntry.allow(actor, "console.link_created", "console_link", null)
                .with("expiresAt", now.plus(ttl).toString()));
        return new Link(code, now.plus(ttl));
    }

    /**
     * The live session behind a cookie value: known, neither idle past the idle timeout nor older than
     * the absolute one, and its token (if any) not revoked. Records the activity at most once a minute.
     */
    @Transactional
    public Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Optional.empty();
        }
        String id = hash(cookie);
        Optional<ConsoleSessionRow> row = sessions.findById(id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSessionRow r = row.get();
        Instant now = Times.now(clock);
        boolean expired = r.lastSeenAt().plus(config.idleTimeout()).isBefore(now)
                || r.createdAt().plus(config.absoluteTimeout()).isBefore(now);
        if (expired || (r.tokenId() != null && !tokens.activeById(r.tokenId()))) {
            sessions.deleteById(id);
            return Optional.empty();
        }
        if (r.lastSeenAt().isBefore(now.minus(TOUCH_INTERVAL))) {
            sessions.touch(id, now, now.minus(TOUCH_INTERVAL));
        }
        Actor actor = actor(r.actorId(), r.actorName(), r.actorKind(), r.roles(), r.email());
        return Optional.of(new Session(id, actor, r.csrf(), r.method(), r.createdAt()));
    }

    /** Ends the session (audited); nothing happens for an unknown one. */
    @Transactional
    public void signOut(Session session) {
        if (sessions.existsById(session.id())) {
            sessions.deleteById(session.id());
            audit.record(AuditEntry.allow(session.actor(), "console.sign_out", "console_session", null));
        }
    }

    /** Whether {@code presented} is the session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Opened open(Actor actor, String tokenId, String method) {
        String cookie = random();
        String csrf = random();
        Instant now = Times.now(clock);
        String id = hash(cookie);
        sessions.save(new ConsoleSessionRow(id, actor.id(), actor.name(), actor.kind().name(), StoredRoles.format(actor.roles()),
                actor.email(), tokenId, csrf, method, now, now));
        sessions.deleteExpired(now.minus(config.idleTimeout()), now.minus(config.absoluteTimeout()));
        audit.record(AuditEntry.allow(actor, "console.sign_in", "console_session", null).with("method", method));
        return new Opened(cookie, new Session(id, actor, csrf, method, now));
    }

    /** The actor a session or link row snapshots. */
    private static Actor actor(String id, String name, String kind, String roles, String email) {
        return new Actor(id, name, AuthKind.valueOf(kind), StoredRoles.parse(roles), email);
    }

    private static Actor anonymous() {
        return new Actor("anonymous", "anonymous", AuthKind.SYSTEM, Set.of());
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    static String hash(String value) {
        return Json.sha256Hex(value);
    }
}
