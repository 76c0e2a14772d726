package io.carapulse.approvals.pagerduty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.approvals.http.JsonHttp;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.testkit.approvals.ApprovalProviderContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PagerDuty provider passes the approval provider contract. PagerDuty itself folds events with the
 * same dedup key into one incident, so "one announcement" here means every trigger for a request
 * carries the same dedup key, and "one effect" every resolve does.
 */
class PagerDutyProviderContractTest extends ApprovalProviderContract {

    @TempDir
    Path dir;
    WireMockServer pd;
    PagerDutyApprovalProvider provider;
    final ApprovalRequest request = PagerDutyApprovalProviderTest.request("staging", false);

    @BeforeEach
    void start() throws Exception {
        pd = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pd.start();
        String base = "http://127.0.0.1:" + pd.port();
        PagerDutyConfiguration config = new PagerDutyConfiguration(URI.create(base + "/v2/enqueue"), URI.create(base),
                "file:" + Files.writeString(dir.resolve("key"), PagerDutyApprovalProviderTest.ROUTING_KEY),
                "file:" + Files.writeString(dir.resolve("token"), PagerDutyApprovalProviderTest.TOKEN), "carapulse",
                Duration.ofSeconds(5));
        provider = new PagerDutyApprovalProvider(config, new EnvironmentCatalog(List.of(PagerDutyApprovalProviderTest
                .env("staging", new EnvironmentProperties.PagerDutyProperties(null, null, "always", "warning", null)))));
        pd.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}")));
        pd.stubFor(get(urlPathEqualTo("/incidents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(PagerDutyApprovalProviderTest.INCIDENT)));
    }

    @AfterEach
    void stop() {
        pd.stop();
    }

    private List<JsonNode> events(String action) {
        return pd.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).stream().map(r -> {
            try {
                return JsonHttp.JSON.readTree(r.getBodyAsString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> e.path("event_action").asText().equals(action)).toList();
    }

    @Override
    protected ApprovalProvider provider() {
        return provider;
    }

    @Override
    protected ApprovalRequest request() {
        return request;
    }

    @Override
    protected int announcementsOf(ApprovalRequest r) {
        return (int) events("trigger").stream().map(e -> e.path("dedup_key").asText()).distinct().count();
    }

    @Override
    protected ChannelUpdate visibleUpdate() {
        return new ChannelUpdate.Expired("0f1e2d3c-4b5a-4968-8776-655443322110");
    }

    @Override
    protected int effectsOf(ChannelUpdate update) {
        return (int) events("resolve").stream().map(e -> e.path("dedup_key").asText()).distinct().count();
    }

    @Override
    protected List<String> secrets() {
        return List.of(PagerDutyApprovalProviderTest.ROUTING_KEY, PagerDutyApprovalProviderTest.TOKEN);
    }
}
