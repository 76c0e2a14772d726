package io.carapulse.core.token;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of API tokens (hashes only). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiTokenRepository extends CrudRepository<ApiTokenRow, String> {

    Optional<ApiTokenRow> findByTokenHash(String tokenHash);

    /** The newest {@code limit} tokens, newest first. */
    @Query("SELECT * FROM api_token ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<ApiTokenRow> newest(int limit);

    /** The {@code limit} tokens created before ({@code createdAt}, {@code id}), newest first. */
    @Query("SELECT * FROM api_token WHERE (created_at, id) < (:createdAt, :id)"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<ApiTokenRow> before(Instant createdAt, String id, int limit);

    /**
     * Sets {@code last_used_at} unless it is already newer than {@code staleBefore}; the condition
     * lives in SQL so concurrent requests (or replicas) write at most once per interval.
     */
    @Query("UPDATE api_token SET last_used_at = :at WHERE id = :id"
            + " AND (last_used_at IS NULL OR last_used_at < :staleBefore)")
    long touch(String id, Instant at, Instant staleBefore);

    /** Marks the token revoked unless it already is; returns the number of rows changed. */
    @Query("UPDATE api_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    long revoke(String id, Instant at);
}
