package io.carapulse.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tokens are verified without a database round trip for a short while, and revocation still
 * holds: at once on this replica, within the cache's TTL when another replica revoked (simulated by
 * revoking in the database directly).
 */
@MicronautTest(transactional = false)
@Property(name = "carapulse.auth.token-cache-ttl", value = "2s")
class TokenCacheTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String admin;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "cache-admin", List.of("admin")).token();
    }

    @Test
    void shouldStopATokenRevokedOnThisReplicaOnTheVeryNextRequest() {
        var created = tokens.create(Actor.SYSTEM, "short-lived", List.of("viewer"));
        assertThat(http.get("/v1/plans", created.token()).status()).isEqualTo(200); // now cached
        assertThat(http.delete("/v1/tokens/" + created.id(), admin).status()).isEqualTo(204);
        assertThat(http.get("/v1/plans", created.token()).status()).isEqualTo(401);
    }

    @Test
    void shouldServeAVerifiedTokenFromTheCacheAndHonourARevocationElsewhereWithinTheTtl() throws Exception {
        var created = tokens.create(Actor.SYSTEM, "elsewhere", List.of("viewer"));
        assertThat(http.get("/v1/plans", created.token()).status()).isEqualTo(200);

        // another replica revokes it: this one does not learn of it until the entry expires
        long revokedAt = System.nanoTime();
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE api_token SET revoked_at = ? WHERE id = ?", ps -> {
            ps.setObject(1, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
            ps.setString(2, created.id());
            return ps.executeUpdate();
        }));
        int status = http.get("/v1/plans", created.token()).status();
        if (System.nanoTime() - revokedAt < 1_000_000_000L) {
            assertThat(status).as("served from the cache, no database read").isEqualTo(200);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = http.get("/v1/plans", created.token()).status();
        }
        assertThat(status).as("refused once the cached entry expired").isEqualTo(401);
        assertThat((System.nanoTime() - revokedAt) / 1_000_000).as("ms until refused").isLessThan(10_000);
    }

    @Test
    void shouldNeverCacheAnUnknownToken() {
        String unknown = "cpt_" + "A".repeat(43);
        assertThat(http.get("/v1/plans", unknown).status()).isEqualTo(401);
        assertThat(http.get("/v1/plans", unknown).status()).isEqualTo(401);
    }
}
