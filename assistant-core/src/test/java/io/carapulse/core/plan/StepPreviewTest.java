package io.carapulse.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.support.PreviewTool;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write whose action previews its change (the diff of a proposed pull request): the preview is read when
 * the plan is made, shown with the plan, covered by the fingerprint (S2) and handed to the action at
 * execution, which refuses with {@code precondition_failed} when what it was computed from has moved; a
 * preview that cannot be made refuses the plan and stores nothing.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.test.preview-tool", value = "true")
class StepPreviewTest {

    private static final String PLAN = """
            {"environment":"prod","summary":"three replicas","steps":[
              {"tool":"doc","action":"write","args":{"text":"replicas: 3\\n"}}]}""";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject PreviewTool doc;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private TokenCreatedView oliver;
    private TokenCreatedView bob;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        doc.reset();
        oliver = tokens.create(Actor.SYSTEM, "oliver", List.of("operator"));
        bob = tokens.create(Actor.SYSTEM, "bob", List.of("approver"));
    }

    @Test
    void theDiffIsShownWithThePlanFingerprintedAndHandedToTheActionThatMakesIt() {
        TestHttp.Response created = http.post("/v1/plans", oliver.token(), PLAN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode preview = created.json().get("steps").get(0).get("preview");
        assertThat(preview.get("summary").asText()).isEqualTo("doc from v1: +1 -1");
        assertThat(preview.get("diff").asText()).isEqualTo("--- a/doc\n+++ b/doc\n@@ -1 +1 @@\n-replicas: 2\n+replicas: 3\n");
        String sha = preview.get("diffSha256").asText();
        assertThat(sha).isEqualTo(new StepPreview("s", preview.get("diff").asText(), io.carapulse.core.common.Json.object())
                .diffSha256());
        String planId = created.json().get("id").asText();
        assertThat(http.get("/v1/plans/" + planId, bob.token()).json().get("steps").get(0).get("preview"))
                .isEqualTo(preview);

        // the same steps against another base make another fingerprint: the approval is for this diff
        doc.edit("replicas: 4\n");
        JsonNode other = http.post("/v1/plans", oliver.token(), PLAN).json();
        assertThat(other.get("fingerprint").asText()).isNotEqualTo(created.json().get("fingerprint").asText());
        assertThat(other.get("steps").get(0).get("preview").get("diff").asText()).contains("-replicas: 4");
        doc.reset();

        approve(planId);
        JsonNode end = execute(planId);
        assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("SUCCEEDED");
        assertThat(doc.text()).isEqualTo("replicas: 3\n");
        assertThat(doc.executedWith()).hasSize(1);
        assertThat(doc.executedWith().get(0)).map(StepPreview::diffSha256).contains(sha);
    }

    @Test
    void aBaseThatMovedAfterApprovalFailsTheStepWithPreconditionFailedAndWritesNothing() {
        String planId = http.post("/v1/plans", oliver.token(), PLAN).json().get("id").asText();
        approve(planId);
        doc.edit("replicas: 5\n");

        JsonNode end = execute(planId);

        assertThat(end.get("status").asText()).isEqualTo("FAILED");
        JsonNode step = end.get("steps").get(0);
        assertThat(step.get("error").get("code").asText()).isEqualTo("precondition_failed");
        assertThat(step.get("error").get("detail").asText()).contains("changed since the diff was approved");
        assertThat(doc.text()).isEqualTo("replicas: 5\n");
    }

    @Test
    void aPreviewChangedInTheDatabaseAfterApprovalIsRefusedByTheFingerprint() {
        String planId = http.post("/v1/plans", oliver.token(), PLAN).json().get("id").asText();
        approve(planId);
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE plan_step SET preview_json = REPLACE(preview_json,"
                + " '+replicas: 3', '+replicas: 30') WHERE plan_id = ?", ps -> {
                    ps.setString(1, planId);
                    return ps.executeUpdate();
                }));

        TestHttp.Response refused = http.post("/v1/plans/" + planId + "/execute", oliver.token(), "");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("fingerprint_mismatch");
        assertThat(doc.executedWith()).isEmpty();
        assertThat(doc.text()).isEqualTo("replicas: 2\n");
    }

    @Test
    void editingTheStepsReadsThePreviewAgain() {
        String planId = http.post("/v1/plans", oliver.token(), PLAN).json().get("id").asText();
        doc.edit("replicas: 7\n");

        TestHttp.Response edited = http.put("/v1/plans/" + planId + "/steps", oliver.token(), """
                {"steps":[{"tool":"doc","action":"write","args":{"text":"replicas: 3\\n"}}]}""");

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("steps").get(0).get("preview").get("diff").asText()).contains("-replicas: 7");
        approve(planId);
        assertThat(execute(planId).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aPreviewThatCannotBeMadeRefusesThePlanAndStoresNothing() {
        long plans = count("SELECT COUNT(*) FROM plan");
        long denials = count("SELECT COUNT(*) FROM audit_event WHERE decision = 'DENY' AND action = 'plan.create'");

        doc.failPreviewsWith(ToolFailure.UNAVAILABLE);
        TestHttp.Response unavailable = http.post("/v1/plans", oliver.token(), PLAN);
        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(502);
        assertThat(unavailable.code()).isEqualTo("preview_failed");
        assertThat(unavailable.json().get("detail").asText()).isEqualTo("steps[0] (doc.write): the change could not be"
                + " previewed (unavailable): the document store said no (unavailable); nothing was stored");

        doc.failPreviewsWith(null);
        TestHttp.Response same = http.post("/v1/plans", oliver.token(), """
                {"environment":"prod","summary":"nothing","steps":[
                  {"tool":"doc","action":"write","args":{"text":"replicas: 2\\n"}}]}""");
        assertThat(same.status()).as(same.body()).isEqualTo(422);
        assertThat(same.code()).isEqualTo("validation_failed");
        assertThat(same.json().get("detail").asText())
                .isEqualTo("steps[0] (doc.write): text: the document already reads that");

        assertThat(count("SELECT COUNT(*) FROM plan")).isEqualTo(plans);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE decision = 'DENY' AND action = 'plan.create'"))
                .isEqualTo(denials + 2);
    }

    private long count(String sql) {
        return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private void approve(String planId) {
        TestHttp.Response approval = http.post("/v1/plans/" + planId + "/approval", bob.token(),
                "{\"decision\":\"approve\"}");
        assertThat(approval.status()).as(approval.body()).isEqualTo(200);
    }

    private JsonNode execute(String planId) {
        TestHttp.Response started = http.post("/v1/plans/" + planId + "/execute", oliver.token(), "");
        assertThat(started.status()).as(started.body()).isIn(200, 201, 202);
        return http.awaitExecution(started.json().get("executionId").asText(), oliver.token());
    }

}
