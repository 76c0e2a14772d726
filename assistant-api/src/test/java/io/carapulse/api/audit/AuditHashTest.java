package io.carapulse.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audit chain's hash, shared by the server and assistantctl: it must never change for stored records. */
class AuditHashTest {

    @Test
    void shouldHashARecordExactlyAsTheServerAlwaysHas() throws Exception {
        // computed by the server's original implementation: existing chains must keep verifying
        String hash = AuditHash.hash(42, Instant.parse("2026-03-01T10:15:30.123456Z"), "oidc:alice", "plan.create",
                "plan", null, "ALLOW", "caf\u00e9 \"quoted\"", new ObjectMapper().readTree(
                        "{\"z\":1.5,\"a\":{\"y\":[3,1,{\"b\":null,\"a\":true}],\"x\":\"\u2713\"},\"n\":12345678901234}"),
                AuditHash.GENESIS);

        assertThat(hash).isEqualTo("5e48a8d081ee0e64c8c77366c86aa0b09793475d843af41c45b17587130a03ee");
    }

    @Test
    void shouldDependOnEveryFieldAndThePreviousHash() throws Exception {
        var details = new ObjectMapper().readTree("{\"a\":1}");
        Instant at = Instant.parse("2026-03-01T10:15:30Z");
        String base = AuditHash.hash(1, at, "system", "x", "t", "1", "ALLOW", null, details, AuditHash.GENESIS);

        assertThat(AuditHash.hash(1, at, "system", "x", "t", "1", "DENY", null, details, AuditHash.GENESIS))
                .isNotEqualTo(base);
        assertThat(AuditHash.hash(1, at, "system", "x", "t", "1", "ALLOW", null, details, "1".repeat(64)))
                .isNotEqualTo(base);
        assertThat(AuditHash.hash(1, at, "system", "x", "t", "1", "ALLOW", null,
                new ObjectMapper().readTree("{\"a\":2}"), AuditHash.GENESIS)).isNotEqualTo(base);
    }
}
