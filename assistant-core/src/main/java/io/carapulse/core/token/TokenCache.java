package io.carapulse.core.token;

import io.carapulse.core.auth.Actor;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Recently verified API tokens, by hash, so a request does not look its token up in the database.
 * An entry lives {@code carapulse.auth.token-cache-ttl} (default 5 s; {@code 0s} turns the cache off):
 * a token revoked on this replica stops at once (its entry is dropped in the same call); one revoked
 * on another replica stops within that bound. Unknown tokens are never cached, so random guesses
 * cannot fill it; it holds at most {@value #MAX_ENTRIES} tokens and starts afresh when full.
 */
@Singleton
class TokenCache {

    static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final ConcurrentMap<String, Entry> byHash = new ConcurrentHashMap<>();

    TokenCache(@Value("${carapulse.auth.token-cache-ttl:5s}") Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("carapulse.auth.token-cache-ttl must be between 0s and 1m, not " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
    }

    /** The cached actor for a token hash, if verified less than the TTL ago. */
    Optional<Entry> get(String hash) {
        Entry e = byHash.get(hash);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.verifiedAt() > ttlNanos) {
            byHash.remove(hash, e);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    void put(String hash, String tokenId, Actor actor) {
        if (ttlNanos == 0) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();
        }
        byHash.put(hash, new Entry(tokenId, actor, System.nanoTime()));
    }

    /** Drops every entry of the token with this id (it was revoked). */
    void forget(String tokenId) {
        byHash.values().removeIf(e -> e.tokenId().equals(tokenId));
    }

    record Entry(String tokenId, Actor actor, long verifiedAt) {
    }
}
