package io.carapulse.core.broker.integration;

import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * An audit whose record of an unlink fails, the last write of the unlink's transaction (after the secrets
 * and rows are deleted): only where {@code test.integration.fail-unlink-audit} is set.
 */
@Singleton
@Replaces(AuditService.class)
@Requires(property = "test.integration.fail-unlink-audit", value = "true")
class FailingUnlinkAudit extends AuditService {

    FailingUnlinkAudit(JdbcOperations jdbc, Clock clock) {
        super(jdbc, clock);
    }

    @Override
    public long record(AuditEntry entry) {
        if (Integrations.UNLINK.equals(entry.action())) {
            throw new IllegalStateException("the audit failed on purpose");
        }
        return super.record(entry);
    }
}
