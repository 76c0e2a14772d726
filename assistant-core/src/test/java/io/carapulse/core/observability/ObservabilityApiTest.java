package io.carapulse.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.llm.LlmException;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.chat.ScriptedLlm;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.support.People;
import io.carapulse.core.support.Steps;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Carapulse's own signals over a running server: every {@code carapulse_*} family on {@code /metrics}
 * has its help text and type, the histograms get their series with bounded labels from real calls,
 * and a request's correlation id reaches the execution it starts and every evidence record of it.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.test.scripted-llm", value = "true")
class ObservabilityApiTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String SCALE = "{\"environment\":\"prod\",\"summary\":\"scale web\",\"steps\":"
            + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}},"
            + "{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"}}]}";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject FakeWorld world;
    @Inject ScriptedLlm model;
    @Inject PlanService plans;
    @Inject ExecutionService executions;

    private final ListAppender<ILoggingEvent> stepLines = new ListAppender<>();
    private TestHttp http;
    private String operator;
    private String approver;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        operator = tokens.create(Actor.SYSTEM, "olive", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "bob", List.of("approver")).token();
        world.reset();
        world.deploy("web", 2);
        model.reset();
        stepLines.start();
        stepRunnerLog().addAppender(stepLines);
    }

    @AfterEach
    void tearDown() {
        stepRunnerLog().detachAppender(stepLines);
    }

    private static Logger stepRunnerLog() {
        return (Logger) LoggerFactory.getLogger("io.carapulse.core.execution.StepRunner");
    }

    @Test
    void shouldCarryTheTraceIdOfTheRequestThatStartedAnExecutionInEveryEvidenceRecord() {
        String plan = approvedPlan();
        TestHttp.Response started = http.send("POST", "/v1/plans/" + plan + "/execute", operator, null, null,
                "traceparent", TRACEPARENT);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.headers().firstValue("X-Request-Id")).contains(TRACE_ID);
        String execution = started.json().get("executionId").asText();
        assertThat(http.awaitExecution(execution, operator).get("status").asText()).isEqualTo("SUCCEEDED");

        JsonNode evidence = http.get("/v1/executions/" + execution + "/evidence", operator).json();
        assertThat(evidence).hasSize(2);
        assertThat(evidence).allSatisfy(e -> assertThat(e.get("correlationId").asText()).isEqualTo(TRACE_ID));
        String one = evidence.get(0).get("id").asText();
        assertThat(http.get("/v1/evidence/" + one, operator).json().get("correlationId").asText()).isEqualTo(TRACE_ID);
        assertThat(stepLines.list).filteredOn(e -> execution.equals(e.getMDCPropertyMap().get("executionId")))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("correlationId", TRACE_ID));
    }

    @Test
    void shouldGiveAnExecutionThatNoRequestStartedANewCorrelationId() {
        // as a schedule or a revert does: on a thread that serves no request
        PlanEntity read = plans.create(People.OLIVER, Steps.plan("prod", Steps.act("get", "name", "web")));
        ExecutionEntity started = executions.start(People.OLIVER, read.id());
        assertThat(started.correlationId()).matches("[0-9a-f]{32}");
        http.awaitExecution(started.id(), operator);
        assertThat(http.get("/v1/executions/" + started.id() + "/evidence", operator).json()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("correlationId").asText()).isEqualTo(started.correlationId()));
    }

    @Test
    void shouldTakeAWellFormedRequestIdWhenThereIsNoTraceparent() {
        String plan = approvedPlan();
        TestHttp.Response started = http.send("POST", "/v1/plans/" + plan + "/execute", operator, null, null,
                "X-Request-Id", "deploy-42.web");
        assertThat(started.headers().firstValue("X-Request-Id")).contains("deploy-42.web");
        String execution = started.json().get("executionId").asText();
        http.awaitExecution(execution, operator);
        assertThat(http.get("/v1/executions/" + execution + "/evidence", operator).json())
                .allSatisfy(e -> assertThat(e.get("correlationId").asText()).isEqualTo("deploy-42.web"));
    }

    @Test
    void shouldReplaceAMalformedRequestIdAndNeverEchoIt() {
        for (String bad : List.of("x".repeat(65), "a b", "<script>", "id;rm", "ü-nicode", "-leading")) {
            TestHttp.Response r = http.get("/v1/me", operator, "X-Request-Id", bad);
            assertThat(r.status()).isEqualTo(200);
            String echoed = r.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(echoed).isNotEqualTo(bad).matches("[0-9a-f]{32}");
        }
        // a malformed traceparent is no trace id: the request id is taken instead
        TestHttp.Response r = http.get("/v1/me", operator, "traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
                "X-Request-Id", "req-7");
        assertThat(r.headers().firstValue("X-Request-Id")).contains("req-7");
        // refusals carry it too
        TestHttp.Response refused = http.get("/v1/plans", null, "X-Request-Id", "req-8");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).contains("req-8");
    }

    @Test
    void shouldRecordStepApprovalAndLlmHistogramsWithBoundedLabels() {
        Scrape before = scrape();
        String plan = approvedPlan();
        String execution = http.post("/v1/plans/" + plan + "/execute", operator, "").json().get("executionId").asText();
        http.awaitExecution(execution, operator);
        String rejected = http.post("/v1/plans", operator, SCALE).json().get("id").asText();
        assertThat(http.post("/v1/plans/" + rejected + "/approval", approver, "{\"decision\":\"reject\"}").status())
                .isEqualTo(200);
        String session = http.post("/v1/sessions", operator, "{\"environment\":\"prod\"}").json().get("id").asText();
        model.says("all quiet");
        assertThat(http.post("/v1/sessions/" + session + "/messages", operator, "{\"text\":\"how is web?\"}").status())
                .isEqualTo(200);
        model.then(r -> {
            throw new LlmException.Unavailable("the model timed out", null);
        });
        http.post("/v1/sessions/" + session + "/messages", operator, "{\"text\":\"and now?\"}");

        Scrape after = scrape();
        assertThat(delta(before, after, "carapulse_step_duration_seconds_count{action=\"scale\",outcome=\"succeeded\",tool=\"fake\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "carapulse_step_duration_seconds_count{action=\"get\",outcome=\"succeeded\",tool=\"fake\"}"))
                .isEqualTo(1);
        assertThat(after.samples()).containsKey(
                "carapulse_step_duration_seconds_bucket{action=\"scale\",outcome=\"succeeded\",tool=\"fake\",le=\"+Inf\"}");
        assertThat(after.samples().keySet()).filteredOn(k -> k.startsWith("carapulse_step_duration_seconds_bucket{"))
                .hasSizeGreaterThan(10);
        assertThat(delta(before, after, "carapulse_approval_wait_seconds_count{environment=\"prod\",outcome=\"approved\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "carapulse_approval_wait_seconds_count{environment=\"prod\",outcome=\"rejected\"}"))
                .isEqualTo(1);
        assertThat(after.samples()).containsKey(
                "carapulse_approval_wait_seconds_bucket{environment=\"prod\",outcome=\"approved\",le=\"+Inf\"}");
        String llm = "{model_family=\"scripted\",outcome=\"ok\",provider=\"scripted\"}";
        assertThat(delta(before, after, "carapulse_llm_request_duration_seconds_count" + llm)).isEqualTo(1);
        assertThat(delta(before, after, "carapulse_llm_request_duration_seconds_count"
                + "{model_family=\"scripted\",outcome=\"llm_unavailable\",provider=\"scripted\"}")).isEqualTo(1);
        assertThat(after.samples()).containsKey("carapulse_llm_request_duration_seconds_bucket"
                + "{model_family=\"scripted\",outcome=\"ok\",provider=\"scripted\",le=\"+Inf\"}");
        String input = "{kind=\"input\",model_family=\"scripted\",provider=\"scripted\"}";
        String output = "{kind=\"output\",model_family=\"scripted\",provider=\"scripted\"}";
        assertThat(delta(before, after, "carapulse_llm_tokens_count" + input)).isEqualTo(1);
        assertThat(delta(before, after, "carapulse_llm_tokens_sum" + input)).isEqualTo(100);
        assertThat(delta(before, after, "carapulse_llm_tokens_sum" + output)).isEqualTo(10);
        assertThat(after.samples()).containsKey("carapulse_llm_tokens_bucket"
                + "{kind=\"input\",model_family=\"scripted\",provider=\"scripted\",le=\"100.0\"}");
        // no label anywhere carries an id
        assertThat(after.samples().keySet()).filteredOn(k -> k.startsWith("carapulse_"))
                .noneMatch(k -> k.contains(plan) || k.contains(execution) || k.contains(session));
    }

    @Test
    void shouldGiveEveryCarapulseFamilyItsHelpTextAndType() {
        String plan = approvedPlan();
        http.awaitExecution(http.post("/v1/plans/" + plan + "/execute", operator, "").json().get("executionId").asText(),
                operator);
        http.get("/v1/plans", null);
        String session = http.post("/v1/sessions", operator, "{\"environment\":\"prod\"}").json().get("id").asText();
        model.says("all quiet");
        http.post("/v1/sessions/" + session + "/messages", operator, "{\"text\":\"how is web?\"}");

        Scrape scrape = scrape();
        Map<String, String> expectedTypes = new HashMap<>();
        Map<String, String> expectedHelp = new HashMap<>();
        CarapulseMeters.HELP.forEach((name, help) -> {
            String family = name.replace('.', '_');
            boolean histogram = name.endsWith(".duration") || name.endsWith(".wait") || name.endsWith(".tokens");
            if (histogram) {
                String base = name.endsWith(".tokens") ? family : family + "_seconds";
                expectedTypes.put(base, "histogram");
                expectedTypes.put(base + "_max", "gauge");
                expectedHelp.put(base, help);
                expectedHelp.put(base + "_max", help);
            } else {
                // the 0.0.4 text format names a counter's family with its _total
                expectedTypes.put(family + "_total", "counter");
                expectedHelp.put(family + "_total", help);
            }
        });
        Map<String, String> carapulse = scrape.types().entrySet().stream().filter(e -> e.getKey().startsWith("carapulse_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(carapulse).as("every carapulse_ family is one CarapulseMeters declares")
                .allSatisfy((family, type) -> assertThat(type).isEqualTo(expectedTypes.get(family)));
        assertThat(carapulse.keySet()).contains("carapulse_plans_total", "carapulse_executions_ended_total",
                "carapulse_requests_refused_total", "carapulse_step_duration_seconds", "carapulse_approval_wait_seconds",
                "carapulse_llm_request_duration_seconds", "carapulse_llm_tokens");
        carapulse.keySet().forEach(family -> assertThat(scrape.help().get(family)).as("HELP of " + family)
                .isEqualTo(expectedHelp.get(family)).isNotBlank());
        assertThat(scrape.samples().keySet()).filteredOn(k -> k.startsWith("carapulse_"))
                .allSatisfy(k -> assertThat(carapulse).containsKey(familyOf(k, carapulse)));
    }

    /** The family a sample belongs to: its name, less a suffix Prometheus adds. */
    private static String familyOf(String sample, Map<String, String> families) {
        String name = sample.replaceAll("\\{.*", "");
        for (String suffix : List.of("", "_total", "_bucket", "_count", "_sum")) {
            if (name.endsWith(suffix) && families.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private String approvedPlan() {
        String plan = http.post("/v1/plans", operator, SCALE).json().get("id").asText();
        TestHttp.Response decided = http.post("/v1/plans/" + plan + "/approval", approver, "{\"decision\":\"approve\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        return plan;
    }

    private Scrape scrape() {
        TestHttp.Response r = http.get("/metrics", null);
        assertThat(r.status()).isEqualTo(200);
        return Scrape.of(r.body());
    }

    private static double delta(Scrape before, Scrape after, String series) {
        return after.value(series) - before.value(series);
    }
}
