package io.carapulse.core.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.core.common.Ids;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The V20 tables of minted credentials on H2 and PostgreSQL: credential providers read back as written, newest
 * first; an integration's source goes with the integration; a provider an integration's source names cannot
 * be deleted (the database refuses it too, 23503 on both).
 */
abstract class MintedRowsContract implements TestPropertyProvider {

    @Inject CredentialProviderRows providers;
    @Inject IntegrationSources sources;
    @Inject IntegrationRows integrations;
    @Inject TransactionOperations<Connection> tx;
    @Inject JdbcOperations jdbc;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE));
    }

    @BeforeEach
    void clean() {
        IntegrationTables.clear(tx, jdbc);
        tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM credential_provider", ps -> ps.executeUpdate()));
    }

    @Test
    void shouldReadProvidersBackNewestFirstAndCountTheIntegrationsTheyMinted() {
        CredentialProvider older = provider(CredentialProvider.SERVICE_ACCOUNT, 1);
        CredentialProvider newer = provider(CredentialProvider.PROJECT_ACCESS_TOKEN, 2);
        IntegrationView minted = integration();
        tx.executeWrite(s -> {
            providers.insert(older);
            providers.insert(newer);
            integrations.insert(minted);
            sources.insert(new Source(minted.id(), Source.SERVICE_ACCOUNT, null, older.id(), "345", "57", "6"));
            return null;
        });

        java.util.Optional<CredentialProvider> found = tx.executeRead(s -> providers.find(older.id()));
        List<CredentialProvider> all = tx.executeRead(s -> providers.list());
        assertThat(found).contains(older);
        assertThat(all).containsExactly(newer, older);
        long usedOlder = tx.executeRead(s -> sources.countByProvider(older.id()));
        long usedNewer = tx.executeRead(s -> sources.countByProvider(newer.id()));
        assertThat(usedOlder).isEqualTo(1);
        assertThat(usedNewer).isZero();
        java.util.Optional<Source> source = tx.executeRead(s -> sources.find(minted.id()));
        assertThat(source).contains(new Source(minted.id(), Source.SERVICE_ACCOUNT, null, older.id(), "345", "57", "6"));
        assertThat(older.view(1).groupId()).isEqualTo("345");
        assertThat(newer.view(0).projectId()).isEqualTo("345");
    }

    @Test
    void shouldRefuseToDeleteAProviderAnIntegrationNamesAndDropTheSourceWithItsIntegration() {
        CredentialProvider p = provider(CredentialProvider.SERVICE_ACCOUNT, 1);
        IntegrationView minted = integration();
        tx.executeWrite(s -> {
            providers.insert(p);
            integrations.insert(minted);
            sources.insert(new Source(minted.id(), Source.SERVICE_ACCOUNT, null, p.id(), "345", "57", "6"));
            return null;
        });

        Throwable refused = catchThrowable(() -> tx.executeWrite(s -> providers.delete(p.id())));
        tx.executeWrite(s -> integrations.delete(minted.id()));

        assertThat(sqlState(refused)).isEqualTo("23503");
        java.util.Optional<Source> gone = tx.executeRead(s -> sources.find(minted.id()));
        assertThat(gone).isEmpty();
        int deleted = tx.executeWrite(s -> providers.delete(p.id()));
        assertThat(deleted).isEqualTo(1);
    }

    private static CredentialProvider provider(String mode, int minute) {
        return new CredentialProvider(Ids.credentialProvider(), mode, URI.create("https://gitlab.example.com"), "345",
                "acme", List.of("read_repository", "api"), 30, 30, "platform-owner", "7", "alice",
                Instant.parse("2026-12-07T10:00:00Z").plus(minute, ChronoUnit.MINUTES));
    }

    private static IntegrationView integration() {
        return new IntegrationView(Ids.integration(), "gitlab", "automated", "global", List.of(), "https://gitlab.example.com",
                "service_account_group_345_x", "57", List.of("read_repository"), IntegrationRows.ACTIVE, "alice",
                Instant.parse("2026-12-07T10:00:00Z"));
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
