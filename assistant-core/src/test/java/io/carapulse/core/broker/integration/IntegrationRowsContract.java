package io.carapulse.core.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.core.common.Ids;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integration tables' queries and constraints, run on H2 and on PostgreSQL: filters, one integration
 * per provider per scope target held by the database itself (a unique violation both report as 23505),
 * delete.
 */
abstract class IntegrationRowsContract implements TestPropertyProvider {

    @Inject IntegrationRows rows;
    @Inject TransactionOperations<Connection> tx;
    @Inject JdbcOperations jdbc;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE));
    }

    @BeforeEach
    void clean() {
        IntegrationTables.clear(tx, jdbc);
    }

    @Test
    void shouldFindListByProviderAndEnvironmentAndDelete() {
        IntegrationView global = view("github", List.of(), 1);
        IntegrationView scoped = view("gitlab", List.of("prod", "staging"), 2);
        IntegrationView other = view("github", List.of("staging"), 3);
        write(global);
        write(scoped);
        write(other);

        assertThat(find(scoped.id())).contains(scoped);
        assertThat(ids(null, null)).containsExactly(other.id(), scoped.id(), global.id());
        assertThat(ids("github", null)).containsExactly(other.id(), global.id());
        assertThat(ids(null, "prod")).containsExactly(scoped.id(), global.id());
        assertThat(ids("github", "prod")).containsExactly(global.id());
        assertThat(global("github")).contains(global.id());
        assertThat(global("gitlab")).isEmpty();
        assertThat(holder("gitlab", "staging")).contains(scoped.id());
        assertThat(holder("github", "prod")).isEmpty();

        int deleted = tx.executeWrite(s -> rows.delete(scoped.id()));
        assertThat(deleted).isEqualTo(1);
        assertThat(find(scoped.id())).isEmpty();
        assertThat(holder("gitlab", "staging")).isEmpty();
        int again = tx.executeWrite(s -> rows.delete(scoped.id()));
        assertThat(again).isZero();
    }

    @Test
    void shouldRefuseASecondIntegrationOfAProviderForTheSameScopeTarget() {
        write(view("github", List.of(), 1));
        write(view("github", List.of("prod"), 2));

        Throwable secondGlobal = catchThrowable(() -> write(view("github", List.of(), 3)));
        Throwable prodAgain = catchThrowable(() -> write(view("github", List.of("staging", "prod"), 4)));
        write(view("gitlab", List.of(), 5));
        write(view("gitlab", List.of("prod"), 6));

        assertThat(Integrations.uniqueViolation(secondGlobal)).as(String.valueOf(secondGlobal)).isTrue();
        assertThat(Integrations.uniqueViolation(prodAgain)).as(String.valueOf(prodAgain)).isTrue();
        assertThat(ids(null, null)).hasSize(4);
        // the failed insert of environments left nothing: its transaction rolled back
        assertThat(holder("github", "staging")).isEmpty();
    }

    private java.util.Optional<IntegrationView> find(String id) {
        return tx.executeRead(s -> rows.find(id));
    }

    private java.util.Optional<String> global(String provider) {
        return tx.executeRead(s -> rows.global(provider));
    }

    private java.util.Optional<String> holder(String provider, String environment) {
        return tx.executeRead(s -> rows.holder(provider, environment));
    }

    private void write(IntegrationView v) {
        tx.executeWrite(s -> {
            rows.insert(v);
            return null;
        });
    }

    private List<String> ids(String provider, String environment) {
        return tx.executeRead(s -> rows.list(provider, environment)).stream().map(IntegrationView::id).toList();
    }

    private static IntegrationView view(String provider, List<String> environments, int minute) {
        return new IntegrationView(Ids.integration(), provider, "pat", environments.isEmpty() ? "global" : "environments",
                environments, "https://api.example.com", "bot", "42", List.of("repo", "read:org"), "active", "admin",
                Instant.parse("2026-12-07T16:00:00Z").plus(minute, ChronoUnit.MINUTES));
    }
}
