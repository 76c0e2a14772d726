package io.carapulse.approvals.linear;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.testkit.approvals.ApprovalProviderContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The Linear provider passes the approval provider contract against a WireMock Linear that remembers. */
class LinearProviderContractTest extends ApprovalProviderContract {

    @TempDir
    Path dir;
    WireMockServer linear;
    LinearApprovalProvider provider;
    final ApprovalRequest request = LinearApprovalProviderTest.request();

    @BeforeEach
    void start() throws Exception {
        linear = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        linear.start();
        provider = new LinearApprovalProvider(new LinearConfiguration(
                URI.create("http://127.0.0.1:" + linear.port() + "/graphql"),
                "file:" + Files.writeString(dir.resolve("key"), LinearApprovalProviderTest.KEY), null,
                LinearApprovalProviderTest.TEAM, Duration.ofSeconds(60), Duration.ofSeconds(5)));
        String labels = "{\"data\":{\"issueLabels\":{\"nodes\":[" + String.join(",",
                LinearApprovalProviderTest.label("lbl-pending", "approval:pending", LinearApprovalProviderTest.TEAM),
                LinearApprovalProviderTest.label("lbl-approved", "approval:approved", LinearApprovalProviderTest.TEAM),
                LinearApprovalProviderTest.label("lbl-rejected", "approval:rejected", LinearApprovalProviderTest.TEAM),
                LinearApprovalProviderTest.label("lbl-expired", "approval:expired", LinearApprovalProviderTest.TEAM),
                LinearApprovalProviderTest.label("lbl-superseded", "approval:superseded",
                        LinearApprovalProviderTest.TEAM)) + "]}}}";
        stub(op("query ApprovalLabels("), labels);
        String issue = "{\"id\":\"" + LinearApprovalProviderTest.ISSUE
                + "\",\"identifier\":\"OPS-42\",\"url\":\"https://linear.app/acme/issue/OPS-42\"}";
        // the issue exists once it has been created; the comment once it has been written
        stub(op("query ApprovalIssueFind").inScenario("issue").whenScenarioStateIs(STARTED),
                "{\"data\":{\"issues\":{\"nodes\":[]}}}");
        stub(op("mutation ApprovalIssueCreate").inScenario("issue").whenScenarioStateIs(STARTED)
                .willSetStateTo("created"), LinearApprovalProviderTest.CREATED);
        stub(op("query ApprovalIssueFind").inScenario("issue").whenScenarioStateIs("created"),
                "{\"data\":{\"issues\":{\"nodes\":[" + issue + "]}}}");
        stub(op("query ApprovalCommentFind").inScenario("comment").whenScenarioStateIs(STARTED),
                "{\"data\":{\"comments\":{\"nodes\":[]}}}");
        stub(op("mutation ApprovalComment(").inScenario("comment").whenScenarioStateIs(STARTED)
                .willSetStateTo("written"), "{\"data\":{\"commentCreate\":{\"success\":true,\"comment\":{\"id\":\"c\"}}}}");
        stub(op("query ApprovalCommentFind").inScenario("comment").whenScenarioStateIs("written"),
                "{\"data\":{\"comments\":{\"nodes\":[{\"id\":\"c\"}]}}}");
        stub(op("mutation ApprovalIssueLabels"), "{\"data\":{\"issueUpdate\":{\"success\":true,\"issue\":{\"id\":\""
                + LinearApprovalProviderTest.ISSUE + "\"}}}}");
    }

    @AfterEach
    void stop() {
        linear.stop();
    }

    private static MappingBuilder op(String operation) {
        return post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing(operation)));
    }

    private void stub(MappingBuilder mapping, String body) {
        linear.stubFor(mapping.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body)));
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
        return linear.findAll(postRequestedFor(urlEqualTo("/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.input.id", containing(r.channelId())))
                .withRequestBody(matchingJsonPath("$.query", containing("ApprovalIssueCreate")))).size();
    }

    @Override
    protected ChannelUpdate visibleUpdate() {
        return new ChannelUpdate.Refused("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "not on call");
    }

    @Override
    protected int effectsOf(ChannelUpdate update) {
        return linear.findAll(postRequestedFor(urlEqualTo("/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.input.id", containing(update.updateId())))
                .withRequestBody(matchingJsonPath("$.query", containing("mutation ApprovalComment(")))).size();
    }

    @Override
    protected List<String> secrets() {
        return List.of(LinearApprovalProviderTest.KEY);
    }
}
