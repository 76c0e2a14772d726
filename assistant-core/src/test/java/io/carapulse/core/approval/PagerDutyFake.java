package io.carapulse.core.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.core.common.Json;
import java.util.List;

/** PagerDuty's Events API v2 and REST v2 as WireMock stubs, with bodies shaped like PagerDuty's. */
final class PagerDutyFake {

    private final WireMockServer server;
    private final String token;

    PagerDutyFake(WireMockServer server, String token) {
        this.server = server;
        this.token = token;
    }

    void reset() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"(from request)\"}")));
        server.stubFor(get(urlPathEqualTo("/incidents")).withHeader("Authorization", equalTo("Token token=" + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"incidents\":[{\"id\":\"PINC042\",\"type\":\"incident\",\"incident_number\":42,\"status\":"
                                + "\"triggered\",\"html_url\":\"https://acme.pagerduty.com/incidents/PINC042\"}],"
                                + "\"limit\":25,\"offset\":0,\"total\":null,\"more\":false}")));
    }

    /** Who is on call now for a schedule or escalation policy ({@code schedule_ids} / {@code escalation_policy_ids}). */
    void onCall(String param, String id, String... emails) {
        ObjectNode body = Json.object();
        ArrayNode oncalls = body.putArray("oncalls");
        for (int i = 0; i < emails.length; i++) {
            ObjectNode o = oncalls.addObject();
            o.putObject("escalation_policy").put("id", "PESC42").put("type", "escalation_policy_reference");
            o.put("escalation_level", 1);
            o.putObject("user").put("id", "PUSER" + i).put("type", "user").put("name", emails[i]).put("email", emails[i]);
            o.put("start", "2026-11-22T00:00:00Z").put("end", "2026-11-29T00:00:00Z");
        }
        body.put("limit", 100).put("offset", 0).put("more", false).putNull("total");
        server.stubFor(get(urlPathEqualTo("/oncalls")).withQueryParam(param + "[]", equalTo(id))
                .withHeader("Authorization", equalTo("Token token=" + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Json.write(body))));
    }

    List<JsonNode> events() {
        return server.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).stream()
                .map(r -> Json.read(r.getBodyAsString())).toList();
    }
}
