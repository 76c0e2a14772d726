package io.carapulse.approvals.pagerduty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.api.approval.OnCallDirectory.OnCallTarget;
import io.carapulse.api.error.PermanentException;
import io.carapulse.api.error.RetriableException;
import io.carapulse.approvals.http.JsonHttp;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PagerDuty provider and on-call directory against a WireMock speaking Events v2 and REST v2. */
class PagerDutyApprovalProviderTest {

    static final String ROUTING_KEY = "R0UTINGKEYCANARY0123456789abcdef";
    static final String PROD_KEY = "PR0DKEYCANARY0123456789abcdefabc";
    static final String TOKEN = "y_NbAkKc66ryYTWUXYEu";

    @TempDir
    Path dir;
    WireMockServer pd;
    PagerDutyConfiguration config;
    PagerDutyApprovalProvider provider;

    @BeforeEach
    void start() throws Exception {
        pd = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pd.start();
        Path key = Files.writeString(dir.resolve("routing"), ROUTING_KEY);
        Path prodKey = Files.writeString(dir.resolve("prod-routing"), PROD_KEY);
        Path token = Files.writeString(dir.resolve("token"), TOKEN);
        String base = "http://127.0.0.1:" + pd.port();
        config = new PagerDutyConfiguration(URI.create(base + "/v2/enqueue"), URI.create(base), "file:" + key,
                "file:" + token, "carapulse-test", Duration.ofSeconds(5));
        EnvironmentCatalog environments = new EnvironmentCatalog(List.of(
                env("prod", new EnvironmentProperties.PagerDutyProperties(null, "PESC42", "break-glass", "critical",
                        "file:" + prodKey)),
                env("staging", new EnvironmentProperties.PagerDutyProperties(null, null, "always", "warning", null))));
        provider = new PagerDutyApprovalProvider(config, environments);
        pd.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"carapulse/apr_1\"}")));
    }

    @AfterEach
    void stop() {
        pd.stop();
    }

    static EnvironmentProperties env(String name, EnvironmentProperties.PagerDutyProperties p) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, true, List.of("admin"), Duration.ofHours(1), List.of("linear", "pagerduty"), p);
    }

    static ApprovalRequest request(String environment, boolean breakGlass) {
        return new ApprovalRequest("apr_1", "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5", "pln_1", environment,
                "patch web", "oliver@example.com", "cd".repeat(32), breakGlass,
                List.of(new ApprovalRequest.Step(1, "act", "kubectl", "patch", "BREAK_GLASS", "{\"name\":\"web\"}")),
                Instant.parse("2026-11-22T12:00:00Z"), URI.create("https://carapulse.example.com/v1/plans/pln_1"));
    }

    JsonNode lastEvent() throws Exception {
        var all = pd.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
        return JsonHttp.JSON.readTree(all.get(all.size() - 1).getBodyAsString());
    }

    void incident(String body) {
        pd.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("incident_key", equalTo("carapulse/apr_1"))
                .withHeader("Authorization", equalTo("Token token=" + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    static final String INCIDENT = "{\"incidents\":[{\"id\":\"PT4KHLK\",\"type\":\"incident\",\"incident_number\":1234,"
            + "\"title\":\"Break-glass approval needed\",\"status\":\"triggered\",\"incident_key\":\"carapulse/apr_1\","
            + "\"html_url\":\"https://acme.pagerduty.com/incidents/PT4KHLK\"}],\"limit\":25,\"offset\":0,\"total\":null,"
            + "\"more\":false}";

    @Test
    void shouldTriggerWithTheEnvironmentsKeySeverityLinksAndDetailsAndRecordTheIncident() throws Exception {
        incident(INCIDENT);

        ChannelRecord record = provider.announce(request("prod", true));

        JsonNode event = lastEvent();
        assertThat(event.path("routing_key").asText()).isEqualTo(PROD_KEY);
        assertThat(event.path("event_action").asText()).isEqualTo("trigger");
        assertThat(event.path("dedup_key").asText()).isEqualTo("carapulse/apr_1");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(event.at("/payload/source").asText()).isEqualTo("carapulse-test");
        assertThat(event.at("/payload/summary").asText())
                .isEqualTo("Break-glass approval needed in prod: patch web (requested by oliver@example.com)");
        assertThat(event.at("/payload/custom_details/plan_id").asText()).isEqualTo("pln_1");
        assertThat(event.at("/payload/custom_details/fingerprint").asText()).isEqualTo("cd".repeat(32));
        assertThat(event.at("/payload/custom_details/steps/0").asText()).contains("kubectl.patch", "BREAK_GLASS");
        assertThat(event.at("/links/0/href").asText()).isEqualTo("https://carapulse.example.com/v1/plans/pln_1");
        assertThat(record.externalId()).isEqualTo("carapulse/apr_1");
        assertThat(record.displayId()).isEqualTo("PT4KHLK");
        assertThat(record.url()).isEqualTo("https://acme.pagerduty.com/incidents/PT4KHLK");
        assertThat(record.evidence()).containsEntry("incidentId", "PT4KHLK");
    }

    @Test
    void shouldUseTheGlobalKeyAndRecordTheIncidentLaterWhenItIsNotThereYet() throws Exception {
        incident("{\"incidents\":[],\"limit\":25,\"offset\":0,\"total\":null,\"more\":false}");

        ChannelRecord record = provider.announce(request("staging", false));
        assertThat(lastEvent().path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(lastEvent().at("/payload/severity").asText()).isEqualTo("warning");
        assertThat(record.displayId()).isNull();

        incident(INCIDENT);
        ChannelRecord resolved = provider.update(record, new ChannelUpdate.ExecutionEnded("u1", "exe_1", "SUCCEEDED",
                null, null));

        assertThat(lastEvent().path("event_action").asText()).isEqualTo("resolve");
        assertThat(lastEvent().path("dedup_key").asText()).isEqualTo("carapulse/apr_1");
        assertThat(resolved.displayId()).isEqualTo("PT4KHLK");
    }

    @Test
    void shouldNotResolveWhenTheRequestIsApprovedButResolveWhenRejectedOrExpired() throws Exception {
        incident(INCIDENT);
        ChannelRecord record = provider.announce(request("staging", false));
        int before = pd.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).size();

        provider.update(record, new ChannelUpdate.Decided("u1", true, "bob@example.com", "linear", null));
        assertThat(pd.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")))).hasSize(before);

        provider.update(record, new ChannelUpdate.Decided("u2", false, "bob@example.com", "linear", null));
        assertThat(lastEvent().path("event_action").asText()).isEqualTo("resolve");
        provider.update(record, new ChannelUpdate.Expired("u3"));
        assertThat(pd.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")))).hasSize(before + 2);
    }

    @Test
    void shouldTellAnInvalidEventFromAnOutageWithoutShowingTheKey() {
        pd.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"invalid event\",\"message\":"
                        + "\"Event object is invalid\",\"errors\":[\"'routing_key' " + ROUTING_KEY + " is unknown\"]}")));
        assertThatThrownBy(() -> provider.announce(request("staging", false)))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("Event object is invalid")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ROUTING_KEY));

        pd.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> provider.announce(request("staging", false))).isInstanceOf(RetriableException.class);
    }

    static String oncalls(int offset, boolean more, String... emails) {
        StringBuilder b = new StringBuilder("{\"oncalls\":[");
        for (int i = 0; i < emails.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"escalation_policy\":{\"id\":\"PESC42\",\"type\":"
                    + "\"escalation_policy_reference\"},\"escalation_level\":1,\"schedule\":{\"id\":\"PSCHED1\",\"type\":"
                    + "\"schedule_reference\"},\"user\":{\"id\":\"PU").append(i).append("\",\"type\":\"user\",\"name\":\"U")
                    .append(i).append("\",\"email\":\"").append(emails[i]).append("\"},\"start\":\"2026-11-22T00:00:00Z\","
                            + "\"end\":\"2026-11-23T00:00:00Z\"}");
        }
        return b.append("],\"limit\":100,\"offset\":").append(offset).append(",\"more\":").append(more)
                .append(",\"total\":null}").toString();
    }

    @Test
    void shouldFindTheApproverAmongCurrentOnCallsAcrossPages() {
        pd.stubFor(get(urlPathEqualTo("/oncalls")).withQueryParam("escalation_policy_ids[]", equalTo("PESC42"))
                .withQueryParam("include[]", equalTo("users")).withQueryParam("offset", equalTo("0"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(oncalls(0, true, "carol@example.com"))));
        pd.stubFor(get(urlPathEqualTo("/oncalls")).withQueryParam("escalation_policy_ids[]", equalTo("PESC42"))
                .withQueryParam("offset", equalTo("100"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(oncalls(100, false, "Bob@Example.com"))));
        PagerDutyOnCall directory = new PagerDutyOnCall(config);
        OnCallTarget policy = new OnCallTarget(OnCallTarget.Kind.ESCALATION_POLICY, "PESC42");

        assertThat(directory.isOnCall("bob@example.com", policy)).isTrue();
        assertThat(directory.isOnCall("dave@example.com", policy)).isFalse();
        pd.verify(getRequestedFor(urlPathEqualTo("/oncalls")).withHeader("Authorization",
                equalTo("Token token=" + TOKEN)));
    }

    @Test
    void shouldFailClosedWhenOnCallsCannotBeRead() {
        pd.stubFor(get(urlPathEqualTo("/oncalls")).willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"error\":{\"message\":\"Unauthorized\",\"code\":2006}}")));
        PagerDutyOnCall directory = new PagerDutyOnCall(config);

        assertThatThrownBy(() -> directory.isOnCall("bob@example.com",
                new OnCallTarget(OnCallTarget.Kind.SCHEDULE, "PSCHED1")))
                .isInstanceOf(PermanentException.class).hasMessageContaining("401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }
}
