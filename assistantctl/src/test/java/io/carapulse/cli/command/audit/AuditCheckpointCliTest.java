package io.carapulse.cli.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.audit.AuditHash;
import io.carapulse.api.audit.Checkpoints;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit checkpoint}, {@code audit checkpoint-export} and {@code audit verify --public-key}
 * against a real server with an audit signing key: records are rehashed here and checked against the
 * signed checkpoints, so a history someone edited and re-chained in the database is found even though
 * every hash in it agrees with the next.
 */
class AuditCheckpointCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static KeyPair keys;
    static Path publicKey;

    @BeforeAll
    static void keys() throws Exception {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        publicKey = Files.writeString(dir.resolve("audit.pub.pem"), Checkpoints.pem(keys.getPublic()));
    }

    private static TestServer signingServer() throws Exception {
        Path privateKey = Files.writeString(Files.createTempDirectory(dir, "key").resolve("audit.pem"),
                Checkpoints.pem(keys.getPrivate()));
        return TestServer.dedicated(Map.of("carapulse.audit.signing-key", "file:" + privateKey));
    }

    @Test
    void shouldSignExportAndVerifyLocallyThenFindARechainedHistory() throws Exception {
        try (TestServer own = signingServer()) {
            Ctl admin = Ctl.localTo(own);
            assertThat(admin.run("plan", "create", "--env", "dev", "--step", "fake.get", "name=web").code()).isZero();

            Ctl.Result signed = admin.run("audit", "checkpoint");
            assertThat(signed.code()).as(signed.toString()).isZero();
            assertThat(signed.out()).startsWith("checkpoint 1: records 1-")
                    .contains("signed by key " + Checkpoints.keyId(keys.getPublic()));
            JsonNode second = admin.run("audit", "checkpoint", "-o", "json").json();
            assertThat(second.path("id").asLong()).isEqualTo(2);

            Path export = dir.resolve("checkpoints.jsonl");
            Ctl.Result exported = admin.run("audit", "checkpoint-export", "-f", export.toString());
            assertThat(exported.code()).as(exported.toString()).isZero();
            assertThat(exported.err()).contains("exported 2 checkpoint(s)");
            List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(2);
            assertThat(JSON.readTree(lines.get(0)).path("id").asLong()).isEqualTo(1);
            assertThat(admin.run("audit", "checkpoint-export").out().lines().toList()).isEqualTo(lines);

            Ctl.Result local = admin.run("audit", "verify", "--public-key", publicKey.toString());
            assertThat(local.code()).as(local.toString()).isZero();
            assertThat(local.out()).startsWith("OK: ").contains("chain intact", "checkpoint ok: 2 checkpoint(s) verified");
            assertThat(admin.run("audit", "verify", "--public-key", publicKey.toString(), "--checkpoints",
                    export.toString()).code()).isZero();
            assertThat(admin.run("audit", "checkpoint").code()).as("one more, which the export does not have").isZero();

            long edited = rechainFirstPlanCreate(own);

            Ctl.Result broken = admin.run("audit", "verify", "--public-key", publicKey.toString());
            assertThat(broken.code()).as(broken.toString()).isEqualTo(ExitCode.CHECK_FAILED.code());
            assertThat(broken.out().lines()).hasSize(1);
            assertThat(broken.out()).startsWith("FAIL: ").contains("the history was rewritten");
            Ctl.Result againstExport = admin.run("audit", "verify", "--public-key", publicKey.toString(),
                    "--checkpoints", export.toString(), "-o", "json");
            assertThat(againstExport.code()).isEqualTo(ExitCode.CHECK_FAILED.code());
            assertThat(againstExport.json().path("checkpoint").path("status").asText()).isEqualTo("broken");
            assertThat(againstExport.json().path("checkpoint").path("id").asLong()).isEqualTo(1);
            assertThat(againstExport.json().path("checked").asLong()).isGreaterThan(edited);
            Ctl.Result server = admin.run("audit", "verify");
            assertThat(server.code()).as("the server's own check, with its key").isEqualTo(ExitCode.CHECK_FAILED.code());
            assertThat(server.out()).contains("the history was rewritten");
        }
    }

    @Test
    void shouldCheckOnlyRecordsSinceTheCheckpointAndEverythingWithFull() throws Exception {
        AuditVerify.pollMillis = 20;
        try (TestServer own = signingServer()) {
            Ctl admin = Ctl.localTo(own);
            assertThat(admin.run("plan", "create", "--env", "dev", "--step", "fake.get", "name=web").code()).isZero();
            assertThat(admin.run("audit", "checkpoint").code()).isZero();
            assertThat(admin.run("plan", "create", "--env", "dev", "--step", "fake.get", "name=api").code()).isZero();

            Ctl.Result incremental = admin.run("audit", "verify");
            assertThat(incremental.code()).as(incremental.toString()).isZero();
            assertThat(incremental.out()).startsWith("OK: ").contains("since checkpoint 1 (record ", "chain intact");
            Ctl.Result full = admin.run("audit", "verify", "--full");
            assertThat(full.code()).as(full.toString()).isZero();
            assertThat(full.out()).startsWith("OK: ").contains("chain intact (full verification avj_");
            assertThat(full.err()).contains("records checked");

            try (Connection c = DriverManager.getConnection(own.jdbcUrl(), "sa", ""); var st = c.createStatement()) {
                st.executeUpdate("UPDATE audit_event SET reason = 'edited' WHERE seq = (SELECT MIN(seq) FROM audit_event)");
            }
            assertThat(admin.run("audit", "verify").code()).as("the edit is before the trusted checkpoint").isZero();
            Ctl.Result broken = admin.run("audit", "verify", "--full");
            assertThat(broken.code()).as(broken.toString()).isEqualTo(ExitCode.CHECK_FAILED.code());
            assertThat(broken.out()).startsWith("FAIL: chain broken at record 1 (record 1 was changed after it was written)");
            JsonNode json = admin.run("audit", "verify", "--full", "-o", "json").json();
            assertThat(json.path("status").asText()).isEqualTo("broken");
            assertThat(json.path("firstBrokenSeq").asLong()).isEqualTo(1);

            Ctl.Result both = admin.run("audit", "verify", "--full", "--public-key", publicKey.toString());
            assertThat(both.code()).isEqualTo(ExitCode.USAGE.code());
        }
    }

    @Test
    void shouldFindCheckpointsRemovedFromTheServerWithTheExportedFile() throws Exception {
        try (TestServer own = signingServer()) {
            Ctl admin = Ctl.localTo(own);
            assertThat(admin.run("audit", "checkpoint").code()).isZero();
            Path export = dir.resolve("before-removal.jsonl");
            assertThat(admin.run("audit", "checkpoint-export", "-f", export.toString()).code()).isZero();
            try (Connection c = DriverManager.getConnection(own.jdbcUrl(), "sa", "");
                 var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM audit_checkpoint");
            }

            Ctl.Result r = admin.run("audit", "verify", "--public-key", publicKey.toString(), "--checkpoints",
                    export.toString());
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED.code());
            assertThat(r.out()).contains("checkpoint 1 was removed from the server");
        }
    }

    @Test
    void shouldRefuseCheckpointsSignedByAnotherKey() throws Exception {
        try (TestServer own = signingServer()) {
            Ctl admin = Ctl.localTo(own);
            assertThat(admin.run("audit", "checkpoint").code()).isZero();
            KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path otherKey = Files.writeString(dir.resolve("other.pub.pem"), Checkpoints.pem(other.getPublic()));

            Ctl.Result r = admin.run("audit", "verify", "--public-key", otherKey.toString());
            assertThat(r.code()).isEqualTo(ExitCode.CHECK_FAILED.code());
            assertThat(r.out()).contains("checkpoint 1 names key " + Checkpoints.keyId(keys.getPublic())
                    + ", not the key given (" + Checkpoints.keyId(other.getPublic()) + ")");
        }
    }

    @Test
    void shouldSayWhenTheServerHasNoSigningKeyOrTheKeyFileIsWrong() throws Exception {
        Ctl admin = Ctl.localTo(TestServer.shared());
        Ctl.Result off = admin.run("audit", "checkpoint");
        assertThat(off.code()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(off.err()).startsWith("error: audit_signing_off: ").contains("carapulse.audit.signing-key");
        assertThat(off.err().lines()).hasSize(1);

        Ctl.Result none = admin.run("audit", "verify", "--public-key", publicKey.toString());
        assertThat(none.code()).isEqualTo(ExitCode.CHECK_FAILED.code());
        assertThat(none.out()).contains("there is no signed checkpoint on the server");

        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        Ctl.Result bad = admin.run("audit", "verify", "--public-key", notAKey.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bad.err()).isEqualTo("error: --public-key " + notAKey
                + " is not an Ed25519 public key in PEM form ('-----BEGIN PUBLIC KEY-----')\n");
        assertThat(admin.run("audit", "verify", "--checkpoints", notAKey.toString()).err())
                .contains("--checkpoints needs --public-key FILE");
        Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "{\"id\":1}\nnot json\n");
        assertThat(admin.run("audit", "verify", "--public-key", publicKey.toString(), "--checkpoints",
                garbage.toString()).err()).contains("line 2 is not a checkpoint");
    }

    /**
     * What someone with write access to the database can do without the signing key: edit the first
     * {@code plan.create} record, recompute its hash and every later one, move the head.
     */
    private static long rechainFirstPlanCreate(TestServer server) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "sa", "")) {
            c.setAutoCommit(false);
            long edited;
            try (var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MIN(seq) FROM audit_event WHERE action = 'plan.create'")) {
                rs.next();
                edited = rs.getLong(1);
            }
            String prev;
            try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_event WHERE seq = ?")) {
                ps.setLong(1, edited - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    prev = rs.next() ? rs.getString(1) : AuditHash.GENESIS;
                }
            }
            long last = edited;
            try (PreparedStatement read = c.prepareStatement("SELECT * FROM audit_event WHERE seq >= ? ORDER BY seq");
                 PreparedStatement write = c.prepareStatement(
                         "UPDATE audit_event SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
                read.setLong(1, edited);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong("seq");
                        String reason = seq == edited ? "nothing happened" : rs.getString("reason");
                        String hash = AuditHash.hash(seq, rs.getObject("at", OffsetDateTime.class).toInstant(),
                                rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                                rs.getString("subject_id"), rs.getString("decision"), reason,
                                JSON.readTree(rs.getString("details_json")), prev);
                        write.setString(1, reason);
                        write.setString(2, prev);
                        write.setString(3, hash);
                        write.setLong(4, seq);
                        write.executeUpdate();
                        prev = hash;
                        last = seq;
                    }
                }
            }
            try (PreparedStatement head = c.prepareStatement(
                    "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, last);
                head.setString(2, prev);
                head.executeUpdate();
            }
            c.commit();
            return edited;
        }
    }
}
