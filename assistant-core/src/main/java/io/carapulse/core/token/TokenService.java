package io.carapulse.core.token;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.api.dto.TokenView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.common.Cursor;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.StoredRoles;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API tokens: created and revoked by admins, stored as sha256 only, checked on every request
 * against the database or, for a token verified in the last few seconds, against {@link TokenCache}
 * (a revocation takes effect at once on the replica that made it, within the cache's TTL elsewhere). Every change is audited in its own
 * transaction; every refusal is audited on its own, so it survives the failed request.
 */
@Singleton
public class TokenService {

    static final int MAX_PAGE = 500;
    private static final String LIST = "tokens";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** Writing last_used_at on every request would turn each read into a write. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final String LOCAL_ADMIN = "local-admin";

    private final ApiTokenRepository repository;
    private final AuditService audit;
    private final TokenCache cache;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    /** When this replica last recorded a use of each token, so a cached token is touched as rarely. */
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    public TokenService(ApiTokenRepository repository, AuditService audit, TokenCache cache,
                        TransactionOperations<Connection> tx, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.cache = cache;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Creates a token for an admin. The returned view carries the token itself; it is never
     * retrievable again.
     *
     * @throws ProblemException {@code forbidden} unless {@code actor} is an admin;
     *                          {@code validation_failed} for a name outside {@code [A-Za-z0-9._-]{1,100}}
     *                          or roles that are empty or unknown. Both are audited as denials.
     */
    @Transactional
    public TokenCreatedView create(Actor actor, String name, List<String> roles) {
        return create(actor, name, roles, false);
    }

    /**
     * {@link #create(Actor, String, List)}, as an agent when {@code agent}: a principal that acts without
     * a person (it authenticates with {@link AuthKind#AGENT}).
     */
    @Transactional
    public TokenCreatedView create(Actor actor, String name, List<String> roles, boolean agent) {
        requireAdmin(actor, "token.create", null);
        if (name == null || !NAME.matcher(name).matches()) {
            throw deny(actor, "token.create", null, ProblemCode.VALIDATION_FAILED,
                    "name must be 1-100 characters of A-Z a-z 0-9 . _ -");
        }
        Set<Role> parsed = parseRoles(actor, roles);
        return insert(actor, name, parsed, agent, "token.create");
    }

    /**
     * One page of tokens, newest first, without their secrets; older than {@code before} (a page's
     * {@code next}) when given.
     *
     * @throws ProblemException {@code forbidden} unless {@code actor} is an admin (audited);
     *                          {@code validation_failed} for a limit outside 1..500 or an offset other
     *                          than 0 (lists page by cursor); {@code invalid_cursor} for a {@code before}
     *                          this list did not give out
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageView<TokenView> list(Actor actor, String before, int limit, long offset) {
        requireAdmin(actor, "token.list", null);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "limit must be 1-" + MAX_PAGE);
        }
        if (offset != 0) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "offset is not supported: to see the next page, pass the previous page's next value as before");
        }
        Cursor cursor = Cursor.decode(LIST, before);
        List<ApiTokenRow> rows = cursor == null ? repository.newest(limit + 1)
                : repository.before(cursor.at(), cursor.id(), limit + 1);
        List<TokenView> items = rows.stream().limit(limit).map(TokenService::view).toList();
        String next = rows.size() > limit ? Cursor.encode(LIST, rows.get(limit - 1).createdAt(),
                rows.get(limit - 1).id()) : null;
        return new PageView<>(items, limit, next);
    }

    /**
     * Revokes a token; it stops authenticating at once. Revoking a revoked token succeeds and
     * changes nothing.
     *
     * @throws ProblemException {@code forbidden} unless {@code actor} is an admin; {@code not_found}
     *                          for an unknown id. Both are audited as denials.
     */
    @Transactional
    public void revoke(Actor actor, String id) {
        requireAdmin(actor, "token.revoke", id);
        if (id == null || repository.findById(id).isEmpty()) {
            throw deny(actor, "token.revoke", id, ProblemCode.NOT_FOUND, "no token with id " + id);
        }
        boolean changed = repository.revoke(id, Times.now(clock)) > 0;
        cache.forget(id);
        // and again once committed: a request that read the row before the commit may have cached it
        tx.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.forget(id);
            }
        }));
        audit.record(AuditEntry.allow(actor, "token.revoke", "token", id).with("alreadyRevoked", !changed));
    }

    /**
     * The actor behind a raw token, if it is a known, unrevoked API token. Records the use at most
     * once a minute per token. No transaction of its own: a cached token costs no database call.
     */
    public Optional<Actor> authenticate(String raw) {
        if (!TokenSecrets.looksLikeToken(raw)) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(raw);
        Optional<TokenCache.Entry> cached = cache.get(hash);
        if (cached.isPresent()) {
            touch(cached.get().tokenId(), null);
            return Optional.of(cached.get().actor());
        }
        Optional<ApiTokenRow> row = repository.findByTokenHash(hash).filter(r -> r.revokedAt() == null);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        ApiTokenRow r = row.get();
        Actor actor = actor(r);
        cache.put(hash, r.id(), actor);
        touch(r.id(), r.lastUsedAt());
        return Optional.of(actor);
    }

    /** Records a use when the last one (stored, or made by this replica) is older than a minute. */
    private void touch(String tokenId, Instant storedLastUse) {
        Instant now = Times.now(clock);
        Instant last = touched.getOrDefault(tokenId, storedLastUse);
        if (last == null || last.isBefore(now.minus(TOUCH_INTERVAL))) {
            touched.put(tokenId, now);
            repository.touch(tokenId, now, now.minus(TOUCH_INTERVAL));
        }
    }

    /** Who holds a token: its id and the actor it authenticates as. */
    public record Holder(String tokenId, Actor actor) {
    }

    /**
     * The id and actor of {@code raw} if it is a known, unrevoked API token (for a console sign-in,
     * which then follows the token by its id); records no use.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Holder> holder(String raw) {
        return active(raw).map(r -> new Holder(r.id(), actor(r)));
    }

    /** Whether the token with this id exists and is not revoked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean activeById(String id) {
        return repository.findById(id).filter(r -> r.revokedAt() == null).isPresent();
    }

    /** Whether {@code raw} is a known, unrevoked token; unlike {@link #authenticate} it records no use. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isActive(String raw) {
        return active(raw).isPresent();
    }

    /**
     * Creates the local admin token on behalf of the system and hands it to {@code deliver} before the
     * transaction commits: if delivery fails, the token and its audit record are rolled back, so no
     * working token exists that nobody holds.
     *
     * @return the new token's id
     */
    @Transactional
    public String issueLocalAdmin(Consumer<String> deliver) {
        TokenCreatedView created = insert(Actor.SYSTEM, LOCAL_ADMIN, EnumSet.of(Role.ADMIN), false, "token.bootstrap");
        deliver.accept(created.token());
        return created.id();
    }

    private TokenCreatedView insert(Actor actor, String name, Set<Role> roles, boolean agent, String action) {
        String raw = TokenSecrets.generate();
        String id = Ids.token();
        Instant now = Times.now(clock);
        repository.save(new ApiTokenRow(id, name, TokenSecrets.hash(raw), StoredRoles.format(roles), actor.id(), now, null, null,
                agent));
        List<String> wireRoles = roles.stream().map(Role::wire).toList();
        audit.record(AuditEntry.allow(actor, action, "token", id).with("name", name).with("roles", wireRoles)
                .with("agent", agent));
        return new TokenCreatedView(id, name, wireRoles, now, raw, agent);
    }

    private Optional<ApiTokenRow> active(String raw) {
        if (!TokenSecrets.looksLikeToken(raw)) {
            return Optional.empty();
        }
        return repository.findByTokenHash(TokenSecrets.hash(raw)).filter(r -> r.revokedAt() == null);
    }

    private Set<Role> parseRoles(Actor actor, List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw deny(actor, "token.create", null, ProblemCode.VALIDATION_FAILED, "roles must not be empty");
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String r : roles) {
            Role role = Role.fromWire(r).orElseThrow(() -> deny(actor, "token.create", null,
                    ProblemCode.VALIDATION_FAILED, "unknown role '" + r + "'; known roles: " + known()));
            parsed.add(role);
        }
        return parsed;
    }

    private void requireAdmin(Actor actor, String action, String subjectId) {
        if (!actor.has(Role.ADMIN)) {
            throw deny(actor, action, subjectId, ProblemCode.FORBIDDEN, "managing API tokens needs the admin role");
        }
    }

    private ProblemException deny(Actor actor, String action, String subjectId, ProblemCode code, String detail) {
        audit.recordDenial(AuditEntry.deny(actor, action, "token", subjectId, code.code()));
        return new ProblemException(code, detail).audited();
    }

    /** Who a token authenticates as. */
    private static Actor actor(ApiTokenRow r) {
        return new Actor("token:" + r.id(), r.name(), r.agent() ? AuthKind.AGENT : AuthKind.API_TOKEN,
                StoredRoles.parse(r.roles()));
    }

    private static TokenView view(ApiTokenRow r) {
        return new TokenView(r.id(), r.name(), StoredRoles.parse(r.roles()).stream().map(Role::wire).toList(), r.createdBy(),
                r.createdAt(), r.lastUsedAt(), r.revokedAt(), r.agent());
    }

    private static String known() {
        return Arrays.stream(Role.values()).map(Role::wire).collect(Collectors.joining(", "));
    }
}
