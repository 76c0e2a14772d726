package io.carapulse.core.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.ConnectionView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.common.Ids;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection tables' queries and constraints, on H2 and on PostgreSQL: one connection per person per
 * provider held by the database (23505 on both), a state used at most once, refresh and status updates
 * that move the version, the row lock's SQL.
 */
abstract class ConnectionRowsContract implements TestPropertyProvider {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final Actor ALICE = new Actor("oidc:alice", "alice@example.com", AuthKind.OIDC, Set.of(Role.OPERATOR),
            "alice@example.com");

    @Inject ConnectionRows rows;
    @Inject TransactionOperations<Connection> tx;
    @Inject JdbcOperations jdbc;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>();
    }

    @BeforeEach
    void clean() {
        tx.executeWrite(s -> {
            jdbc.prepareStatement("DELETE FROM oauth_connection_state", ps -> ps.executeUpdate());
            return jdbc.prepareStatement("DELETE FROM oauth_connection", ps -> ps.executeUpdate());
        });
    }

    @Test
    void shouldKeepOneConnectionPerPersonAndProvider() {
        ConnectionView github = view("github", 1);
        ConnectionView gitlab = view("gitlab", 2);
        write(github);
        write(gitlab);

        Throwable second = catchThrowable(() -> write(view("github", 3)));

        assertThat(sqlState(second)).isEqualTo("23505");
        assertThat(read(() -> rows.list("oidc:alice"))).extracting(ConnectionView::id)
                .containsExactly(gitlab.id(), github.id());
        assertThat(read(() -> rows.list("oidc:bob"))).isEmpty();
        assertThat(read(() -> rows.of("oidc:alice", ConnectionProvider.GITHUB))).contains(github);
        assertThat(write(() -> rows.lock(github.id()))).contains(github);
    }

    @Test
    void shouldRecordARefreshAndADisconnection() {
        ConnectionView v = view("github", 1);
        write(v);
        Instant later = T.plus(8, ChronoUnit.HOURS);

        tx.executeWrite(s -> {
            rows.refreshed(v.id(), later, List.of("repo"), T.plusSeconds(5));
            return null;
        });
        ConnectionView refreshed = read(() -> rows.find(v.id())).orElseThrow();
        tx.executeWrite(s -> {
            rows.status(v.id(), ConnectionStatus.DISCONNECTED, T.plusSeconds(9));
            return null;
        });
        ConnectionView gone = read(() -> rows.find(v.id())).orElseThrow();

        assertThat(refreshed.expiresAt()).isEqualTo(later);
        assertThat(refreshed.scopes()).containsExactly("repo");
        assertThat(refreshed.updatedAt()).isEqualTo(T.plusSeconds(5));
        assertThat(gone.status()).isEqualTo("disconnected");
        assertThat(gone.expiresAt()).isNull();
        assertThat(version(v.id())).isEqualTo(3);
    }

    @Test
    void shouldUseAStateAtMostOnce() {
        tx.executeWrite(s -> {
            rows.insertState("ab".repeat(32), ALICE, ConnectionProvider.GITLAB, T.plusSeconds(600), T);
            return null;
        });

        boolean first = write(() -> rows.useState("ab".repeat(32), T.plusSeconds(1)));
        boolean second = write(() -> rows.useState("ab".repeat(32), T.plusSeconds(2)));
        ConnectionRows.State state = read(() -> rows.state("ab".repeat(32))).orElseThrow();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(state.actor().id()).isEqualTo("oidc:alice");
        assertThat(state.actor().email()).isEqualTo("alice@example.com");
        assertThat(state.provider()).isEqualTo(ConnectionProvider.GITLAB);
        assertThat(state.usedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(read(() -> rows.statesBefore(T.plusSeconds(1)))).containsExactly("ab".repeat(32));
        assertThat(read(() -> rows.statesBefore(T))).isEmpty();
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        return tx.executeRead(s -> query.get());
    }

    private <T> T write(java.util.function.Supplier<T> query) {
        return tx.executeWrite(s -> query.get());
    }

    private static ConnectionView view(String provider, int minute) {
        Instant at = T.plus(minute, ChronoUnit.MINUTES);
        return new ConnectionView(Ids.connection(), provider, "oidc:alice", "alice@example.com", "octocat", "583231",
                List.of("repo", "read:org"), "connected", at.plus(8, ChronoUnit.HOURS), at, at);
    }

    private void write(ConnectionView v) {
        tx.executeWrite(s -> {
            rows.insert(v, "OIDC");
            return null;
        });
    }

    private long version(String id) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT version FROM oauth_connection WHERE id = ?", ps -> {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
