package io.carapulse.approvals.linear;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelDecision;
import io.carapulse.api.approval.ChannelReading;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.api.approval.PollPage;
import io.carapulse.api.error.RetriableException;
import io.carapulse.approvals.http.JsonHttp;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linear provider against a WireMock speaking Linear's GraphQL shapes. */
class LinearApprovalProviderTest {

    static final String KEY = "lin_api_CANARYkey0123456789abcdefghijklmnopqrstu";
    static final String TEAM = "9cfb482a-81e2-4a4f-8f6c-1b7cbbd7e3a1";
    static final String ISSUE = "2d1e2f5a-5b0e-4f4c-9d7e-8f0a1b2c3d4e";
    static final String VIEWER = "f3b1c2d3-0000-4000-8000-000000000bot";
    static final String ALICE = "a11ce000-0000-4000-8000-0000000a11ce";

    @TempDir
    Path dir;
    WireMockServer linear;
    LinearApprovalProvider provider;

    @BeforeEach
    void start() throws Exception {
        linear = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        linear.start();
        Path key = Files.writeString(dir.resolve("linear-key"), KEY);
        provider = new LinearApprovalProvider(new LinearConfiguration(
                URI.create("http://127.0.0.1:" + linear.port() + "/graphql"), "file:" + key, null, TEAM,
                Duration.ofSeconds(60), Duration.ofSeconds(5)));
        stub("query ApprovalLabels(", "{\"data\":{\"issueLabels\":{\"nodes\":["
                + label("lbl-pending", "approval:pending", TEAM) + "," + label("lbl-approved", "approval:approved", null)
                + "," + label("lbl-other-team", "approval:rejected", "0ther-team") + ","
                + label("lbl-rejected", "approval:rejected", TEAM) + "," + label("lbl-expired", "approval:expired", TEAM)
                + "," + label("lbl-superseded", "approval:superseded", TEAM) + "]}}}");
        stub("query Viewer", "{\"data\":{\"viewer\":{\"id\":\"" + VIEWER + "\"}}}");
    }

    @AfterEach
    void stop() {
        linear.stop();
    }

    static String label(String id, String name, String team) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"team\":" + (team == null ? "null"
                : "{\"id\":\"" + team + "\"}") + "}";
    }

    void stub(String operation, String body) {
        linear.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing(operation)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    List<JsonNode> requests(String operation) {
        return linear.findAll(postRequestedFor(urlEqualTo("/graphql"))
                        .withRequestBody(matchingJsonPath("$.query", containing(operation)))).stream()
                .map(LoggedRequest::getBodyAsString).map(LinearApprovalProviderTest::json).toList();
    }

    static JsonNode json(String s) {
        try {
            return JsonHttp.JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ApprovalRequest request() {
        return new ApprovalRequest("apr_1", "0e4c8a3a-7d5b-4f1e-9a2b-3c4d5e6f7a8b", "pln_1", "staging",
                "scale web to 3", "alice@example.com", "ab".repeat(32), false,
                List.of(new ApprovalRequest.Step(1, "act", "kubectl", "scale", "WRITE",
                        "{\"name\":\"web\",\"namespace\":\"web\",\"replicas\":3}")),
                Instant.parse("2026-11-22T12:00:00Z"), URI.create("https://carapulse.example.com/v1/plans/pln_1"));
    }

    static final String CREATED = "{\"data\":{\"issueCreate\":{\"success\":true,\"issue\":{\"id\":\"" + ISSUE
            + "\",\"identifier\":\"OPS-42\",\"url\":\"https://linear.app/acme/issue/OPS-42/approve-staging\"}}}}";

    @Test
    void shouldCreateTheIssueInTheTeamWithThePendingLabelAndCreateMissingLabels() {
        stub("query ApprovalLabels(", "{\"data\":{\"issueLabels\":{\"nodes\":[" + label("lbl-pending",
                "approval:pending", TEAM) + "," + label("lbl-other-team", "approval:rejected", "0ther-team") + "]}}}");
        stub("mutation ApprovalLabelCreate", "{\"data\":{\"issueLabelCreate\":{\"success\":true,"
                + "\"issueLabel\":{\"id\":\"lbl-new\",\"name\":\"approval:x\"}}}}");
        stub("query ApprovalIssueFind", "{\"data\":{\"issues\":{\"nodes\":[]}}}");
        stub("mutation ApprovalIssueCreate", CREATED);

        ChannelRecord record = provider.announce(request());

        assertThat(record.externalId()).isEqualTo(ISSUE);
        assertThat(record.displayId()).isEqualTo("OPS-42");
        assertThat(record.url()).startsWith("https://linear.app/acme/issue/OPS-42");
        assertThat(requests("mutation ApprovalLabelCreate")).extracting(r -> r.at("/variables/input/name").asText())
                .containsExactlyInAnyOrder("approval:approved", "approval:rejected", "approval:expired",
                        "approval:superseded");
        assertThat(requests("mutation ApprovalLabelCreate")).allSatisfy(r ->
                assertThat(r.at("/variables/input/teamId").asText()).isEqualTo(TEAM));
        JsonNode input = requests("mutation ApprovalIssueCreate").get(0).at("/variables/input");
        assertThat(input.path("id").asText()).isEqualTo(request().channelId());
        assertThat(input.path("teamId").asText()).isEqualTo(TEAM);
        assertThat(input.path("title").asText()).isEqualTo("Approve [staging] scale web to 3");
        assertThat(input.path("description").asText()).contains("alice@example.com", "ab".repeat(32),
                "| 1 | act | kubectl | scale | `{\"name\":\"web\",\"namespace\":\"web\",\"replicas\":3}` | WRITE |",
                "https://carapulse.example.com/v1/plans/pln_1", "approval:approved");
        assertThat(input.path("labelIds")).extracting(JsonNode::asText).containsExactly("lbl-pending");
        linear.verify(postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo(KEY)));
    }

    @Test
    void shouldFindTheIssueAnEarlierAttemptCreatedInsteadOfCreatingASecond() {
        stub("query ApprovalIssueFind", "{\"data\":{\"issues\":{\"nodes\":[{\"id\":\"" + ISSUE
                + "\",\"identifier\":\"OPS-42\",\"url\":\"https://linear.app/acme/issue/OPS-42\"}]}}}");

        ChannelRecord record = provider.announce(request());

        assertThat(record.displayId()).isEqualTo("OPS-42");
        assertThat(requests("mutation ApprovalIssueCreate")).isEmpty();
        assertThat(requests("query ApprovalIssueFind").get(0).at("/variables/id").asText())
                .isEqualTo(request().channelId());
    }

    @Test
    void shouldCommentWhyARefusedDecisionWasRefusedAndPutThePendingLabelBackOnce() {
        ChannelRecord record = new ChannelRecord("linear", ISSUE, "OPS-42", "u", Map.of());
        stub("query ApprovalCommentFind", "{\"data\":{\"comments\":{\"nodes\":[]}}}");
        stub("mutation ApprovalComment(", "{\"data\":{\"commentCreate\":{\"success\":true,\"comment\":{\"id\":\"c\"}}}}");
        stub("mutation ApprovalIssueLabels", "{\"data\":{\"issueUpdate\":{\"success\":true,\"issue\":{\"id\":\""
                + ISSUE + "\"}}}}");
        ChannelUpdate.Refused refused = new ChannelUpdate.Refused("7d3f9a10-2b4c-4d5e-8f60-718293a4b5c6",
                "bob@example.com is not on call for schedule PSCHED1");

        provider.update(record, refused);
        stub("query ApprovalCommentFind", "{\"data\":{\"comments\":{\"nodes\":[{\"id\":\"" + refused.updateId() + "\"}]}}}");
        provider.update(record, refused);

        List<JsonNode> comments = requests("mutation ApprovalComment(");
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).at("/variables/input/id").asText()).isEqualTo(refused.updateId());
        assertThat(comments.get(0).at("/variables/input/issueId").asText()).isEqualTo(ISSUE);
        assertThat(comments.get(0).at("/variables/input/body").asText()).contains("not on call for schedule PSCHED1");
        JsonNode labels = requests("mutation ApprovalIssueLabels").get(0).at("/variables/input");
        assertThat(labels.path("addedLabelIds")).extracting(JsonNode::asText).containsExactly("lbl-pending");
        assertThat(labels.path("removedLabelIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("lbl-approved", "lbl-rejected", "lbl-expired", "lbl-superseded");
    }

    static String history(String id, String at, String actorId, String email, String added, String removed) {
        return "{\"id\":\"" + id + "\",\"createdAt\":\"" + at + "\",\"actor\":" + (actorId == null ? "null"
                : "{\"id\":\"" + actorId + "\",\"name\":\"" + email + "\",\"email\":\"" + email + "\"}")
                + ",\"addedLabelIds\":" + added + ",\"removedLabelIds\":" + removed + "}";
    }

    static String state(String labels, String historyNodes, boolean more, String comments) {
        return "{\"data\":{\"issue\":{\"id\":\"" + ISSUE + "\",\"identifier\":\"OPS-42\",\"url\":"
                + "\"https://linear.app/acme/issue/OPS-42\",\"updatedAt\":\"2026-11-22T10:05:00.000Z\",\"labels\":{\"nodes\":["
                + labels + "]},\"history\":{\"nodes\":[" + historyNodes + "],\"pageInfo\":{\"hasNextPage\":" + more
                + ",\"endCursor\":" + (more ? "\"h-2\"" : "null") + "}},\"comments\":{\"nodes\":[" + comments + "]}}}}";
    }

    @Test
    void shouldAttributeTheDecisionToWhoeverAppliedTheLabelWithTheirLatestCommentAsReason() {
        String created = history("h-1", "2026-11-22T10:00:00.000Z", VIEWER, "bot@acme.io", "[\"lbl-pending\"]", "[]");
        String approved = history("h-2", "2026-11-22T10:04:00.000Z", ALICE, "alice@example.com", "[\"lbl-approved\"]",
                "[\"lbl-pending\"]");
        String comments = "{\"id\":\"c1\",\"body\":\"old reason\",\"createdAt\":\"2026-11-22T10:01:00.000Z\",\"user\":{\"id\":\""
                + ALICE + "\"}},{\"id\":\"c2\",\"body\":\" db is on fire \",\"createdAt\":\"2026-11-22T10:03:00.000Z\","
                + "\"user\":{\"id\":\"" + ALICE + "\"}},{\"id\":\"c3\",\"body\":\"later\",\"createdAt\":"
                + "\"2026-11-22T10:09:00.000Z\",\"user\":{\"id\":\"" + ALICE + "\"}}";
        stub("query ApprovalIssueState", state("{\"id\":\"lbl-approved\",\"name\":\"approval:approved\"}",
                approved + "," + created, false, comments));

        ChannelReading reading = provider.read(new ChannelRecord("linear", ISSUE, "OPS-42", "u", Map.of()));

        ChannelDecision d = reading.decision().orElseThrow();
        assertThat(d.eventKey()).isEqualTo("h-2");
        assertThat(d.outcome()).isEqualTo(ChannelDecision.Outcome.APPROVE);
        assertThat(d.email()).isEqualTo("alice@example.com");
        assertThat(d.externalUserId()).isEqualTo(ALICE);
        assertThat(d.reason()).isEqualTo("db is on fire");
        assertThat(reading.evidence()).containsEntry("identifier", "OPS-42").containsEntry("issueId", ISSUE);
        assertThat(reading.evidence().get("labelHistory")).asList().hasSize(2).last().asString()
                .contains("alice@example.com", "approval:approved", "approval:pending");
    }

    @Test
    void shouldNotTakeOurOwnLabelSyncForADecision() {
        String synced = history("h-9", "2026-11-22T10:04:00.000Z", VIEWER, "bot@acme.io", "[\"lbl-approved\"]",
                "[\"lbl-pending\"]");
        stub("query ApprovalIssueState", state("{\"id\":\"lbl-approved\",\"name\":\"approval:approved\"}", synced,
                false, ""));

        assertThat(provider.read(new ChannelRecord("linear", ISSUE, null, null, Map.of())).decision()).isEmpty();
    }

    @Test
    void shouldCallBothLabelsAtOnceAmbiguousAndFindEntriesOnLaterHistoryPages() {
        stub("query ApprovalIssueState", state("{\"id\":\"lbl-approved\",\"name\":\"approval:approved\"},"
                + "{\"id\":\"lbl-rejected\",\"name\":\"approval:rejected\"}", history("h-1", "2026-11-22T10:00:00.000Z",
                ALICE, "alice@example.com", "[\"lbl-approved\"]", "[]"), true, ""));
        linear.stubFor(post(urlEqualTo("/graphql"))
                .withRequestBody(matchingJsonPath("$.variables[?(@.after == 'h-2')]"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        state("", history("h-3", "2026-11-22T10:06:00.000Z", "b0b", "bob@example.com",
                                "[\"lbl-rejected\"]", "[]"), false, ""))));

        ChannelDecision d = provider.read(new ChannelRecord("linear", ISSUE, null, null, Map.of())).decision()
                .orElseThrow();

        assertThat(d.outcome()).isEqualTo(ChannelDecision.Outcome.AMBIGUOUS);
        assertThat(d.eventKey()).isEqualTo("h-3");
        assertThat(d.email()).isEqualTo("bob@example.com");
    }

    @Test
    void shouldPollOnlyTheGivenIssuesPageByPageAndAdvanceTheCursor() {
        linear.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables[?(@.after == null)]"))
                .withRequestBody(matchingJsonPath("$.query", containing("ApprovalIssuesChanged")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"data\":{\"issues\":{\"nodes\":[{\"id\":\"i1\",\"updatedAt\":\"2026-11-22T10:07:00.000Z\"}],"
                                + "\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"p2\"}}}}")));

        PollPage page = provider.changed(List.of("i1", "i2"), "2026-11-22T10:00:00Z", null);

        assertThat(page.changedIds()).containsExactly("i1");
        assertThat(page.nextPage()).isEqualTo("p2");
        assertThat(page.cursor()).isEqualTo("2026-11-22T10:07:00Z");
        JsonNode sent = requests("ApprovalIssuesChanged").get(0).at("/variables/filter");
        assertThat(sent.at("/id/in")).extracting(JsonNode::asText).containsExactly("i1", "i2");
        assertThat(sent.at("/updatedAt/gte").asText()).isEqualTo("2026-11-22T10:00:00Z");
    }

    @Test
    void shouldReportAnOutageAsRetriableWithoutTheKey() {
        linear.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(503)
                .withBody("upstream connect error, key " + KEY)));

        assertThatThrownBy(() -> provider.announce(request()))
                .isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("Linear answered 503")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }
}
