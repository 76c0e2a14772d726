package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.common.Ids;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionRepository;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists page by cursor: newest first, each item exactly once across pages (also among items created
 * at the same instant), filters kept from page to page, {@code next} null on the last page, and a
 * cursor the list did not give out refused with {@code 400 invalid_cursor}.
 */
@MicronautTest(environments = "test", transactional = false)
class ListPagingApiTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject PlanRepository plans;
    @Inject ExecutionRepository executions;

    private TestHttp http;
    private String viewer;
    private String environment;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        viewer = tokens.create(Actor.SYSTEM, "viewer", List.of("viewer")).token();
        // an environment of this test's own, so other tests' plans are not in its lists
        environment = "lists-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldPageThroughPlansNewestFirstOnceEachAcrossTiesAndKeepFilters() {
        List<PlanEntity> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // three plans share T0 and two share T0+1s: only the id orders them
            Instant at = T0.plusSeconds(i < 3 ? 0 : i < 5 ? 1 : i);
            made.add(plan(at, i % 2 == 0 ? "oidc:even" : "oidc:odd"));
        }

        List<JsonNode> pages = pages("/v1/plans?environment=" + environment + "&limit=2");
        assertThat(pages).hasSize(4);
        assertThat(ids(pages)).containsExactlyElementsOf(newestFirst(made));
        assertThat(pages.get(0).get("limit").asInt()).isEqualTo(2);
        assertThat(pages.get(3).get("next").isNull()).isTrue();
        assertThat(pages.get(0).has("total")).as("no count of the history per page").isFalse();

        List<JsonNode> even = pages("/v1/plans?environment=" + environment + "&requester=oidc:even&limit=1");
        assertThat(ids(even)).containsExactlyElementsOf(
                newestFirst(made.stream().filter(p -> p.requester().equals("oidc:even")).toList()));
    }

    @Test
    void shouldPageThroughExecutionsByCursor() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PlanEntity p = plan(T0, "oidc:even");
            made.add(executions.save(new ExecutionEntity(Ids.execution(), p.id(), environment, null,
                    ExecutionStatus.QUEUED, "oidc:even", false, T0, null, null, null, null, null)).id());
        }

        List<JsonNode> pages = pages("/v1/executions?environment=" + environment + "&status=queued&limit=1");

        assertThat(pages).hasSize(3);
        assertThat(ids(pages)).containsExactlyElementsOf(made.stream().sorted(Comparator.reverseOrder()).toList());
    }

    @Test
    void shouldPageThroughTheAuditLogBySeq() {
        tokens.create(Actor.SYSTEM, "audited", List.of("viewer")); // a second record at least
        JsonNode first = http.get("/v1/audit?limit=1", viewer).json();
        long seq = first.at("/items/0/seq").asLong();
        assertThat(first.get("next").asText()).isEqualTo(String.valueOf(seq));

        JsonNode second = http.get("/v1/audit?limit=1&before=" + first.get("next").asText(), viewer).json();

        assertThat(second.at("/items/0/seq").asLong()).isLessThan(seq);
    }

    @Test
    void shouldRefuseACursorTheListDidNotGiveOut() {
        plan(T0, "oidc:even");
        plan(T0, "oidc:even");
        String planCursor = http.get("/v1/plans?environment=" + environment + "&limit=1", viewer).json()
                .get("next").asText();

        for (String path : List.of("/v1/plans?before=not-a-cursor", "/v1/plans?before=" + "A".repeat(300),
                "/v1/executions?before=" + planCursor, "/v1/tokens?before=" + planCursor,
                "/v1/audit?before=abc", "/v1/audit?before=0", "/v1/audit/checkpoints?before=-1")) {
            String token = path.startsWith("/v1/tokens")
                    ? tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token() : viewer;
            TestHttp.Response r = http.get(path, token);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
            assertThat(r.code()).as(path).isEqualTo("invalid_cursor");
            assertThat(r.json().get("detail").asText()).as(path).contains("before")
                    .doesNotContain("Exception").doesNotContain("Base64");
        }
    }

    @Test
    void shouldTakeOffsetZeroAndRefuseAnyOtherOffset() {
        plan(T0, "oidc:even");
        assertThat(http.get("/v1/plans?environment=" + environment + "&offset=0", viewer).json().get("items"))
                .hasSize(1);

        TestHttp.Response skipped = http.get("/v1/plans?offset=50", viewer);

        assertThat(skipped.status()).isEqualTo(422);
        assertThat(skipped.code()).isEqualTo("validation_failed");
        assertThat(skipped.json().get("detail").asText()).contains("before");
        assertThat(http.get("/v1/executions?offset=1", viewer).code()).isEqualTo("validation_failed");
        assertThat(http.get("/v1/audit?offset=1", viewer).code()).isEqualTo("validation_failed");
    }

    private PlanEntity plan(Instant at, String requester) {
        return plans.save(new PlanEntity(Ids.plan(), environment, "listed", requester, PlanStatus.READY,
                "f".repeat(64), false, false, at, at, null));
    }

    /** Every page of {@code path}, following {@code next} until it is null. */
    private List<JsonNode> pages(String path) {
        List<JsonNode> pages = new ArrayList<>();
        String next = null;
        do {
            String url = next == null ? path : path + "&before=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
            TestHttp.Response r = http.get(url, viewer);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            pages.add(r.json());
            next = r.json().get("next").isNull() ? null : r.json().get("next").asText();
            assertThat(pages).as("pages of %s", path).hasSizeLessThan(20);
        } while (next != null);
        return pages;
    }

    private static List<String> ids(List<JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(p -> p.get("items").forEach(i -> ids.add(i.get("id").asText())));
        return ids;
    }

    private static List<String> newestFirst(List<PlanEntity> plans) {
        return plans.stream().sorted(Comparator.comparing(PlanEntity::createdAt).thenComparing(PlanEntity::id)
                .reversed()).map(PlanEntity::id).toList();
    }
}
