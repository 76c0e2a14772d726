package io.carapulse.core.broker.integration;

import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * An audit whose record of a successful link fails, the last write of the link's transaction (after the
 * integration and its secret are written): only where {@code test.integration.fail-link-audit} is set.
 */
@Singleton
@Replaces(AuditService.class)
@Requires(property = "test.integration.fail-link-audit", value = "true")
class FailingLinkAudit extends AuditService {

    FailingLinkAudit(JdbcOperations jdbc, Clock clock) {
        super(jdbc, clock);
    }

    @Override
    public long record(AuditEntry entry) {
        if (Integrations.LINK.equals(entry.action()) && "ALLOW".equals(String.valueOf(entry.decision()))) {
            throw new IllegalStateException("the audit failed on purpose");
        }
        return super.record(entry);
    }
}
