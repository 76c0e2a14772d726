package io.carapulse.core.broker.integration;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The {@code integration_source} table (V20): what a minted integration's credential comes from. Its rows go
 * with their integration ({@code ON DELETE CASCADE}). Callers run these inside a transaction.
 */
@Singleton
class IntegrationSources {

    private final JdbcOperations jdbc;

    IntegrationSources(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Source s) {
        jdbc.prepareStatement("INSERT INTO integration_source (integration_id, kind, app_id, credential_provider_id,"
                + " target_id, user_id, token_id) VALUES (?,?,?,?,?,?,?)", ps -> {
                    ps.setString(1, s.integrationId());
                    ps.setString(2, s.kind());
                    ps.setString(3, s.appId());
                    ps.setString(4, s.credentialProviderId());
                    ps.setString(5, s.targetId());
                    ps.setString(6, s.userId());
                    ps.setString(7, s.tokenId());
                    return ps.executeUpdate();
                });
    }

    Optional<Source> find(String integrationId) {
        return jdbc.prepareStatement("SELECT * FROM integration_source WHERE integration_id = ?", ps -> {
            ps.setString(1, integrationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Source(rs.getString("integration_id"), rs.getString("kind"),
                        rs.getString("app_id"), rs.getString("credential_provider_id"), rs.getString("target_id"),
                        rs.getString("user_id"), rs.getString("token_id")));
            }
        });
    }

    /** The integrations whose identity credential provider {@code id} minted. */
    long countByProvider(String credentialProviderId) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM integration_source WHERE credential_provider_id = ?", ps -> {
            ps.setString(1, credentialProviderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
