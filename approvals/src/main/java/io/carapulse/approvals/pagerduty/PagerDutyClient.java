package io.carapulse.approvals.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.error.PermanentException;
import io.carapulse.approvals.http.JsonHttp;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty's Events API v2 (trigger, resolve) and the two REST reads approvals need (incidents by
 * dedup key, current on-calls). Keys and tokens are read from their references per call and travel
 * in the event body (routing key) or the {@code Authorization} header (REST token) only.
 */
class PagerDutyClient {

    private static final String REST_ACCEPT = "application/vnd.pagerduty+json;version=2";
    private static final int PAGE = 100;

    /** An incident found by its dedup key. */
    record Incident(String id, String url, String status) {
    }

    private final PagerDutyConfiguration config;
    private final JsonHttp http;

    PagerDutyClient(PagerDutyConfiguration config) {
        this.config = config;
        this.http = new JsonHttp("PagerDuty", config.timeout());
    }

    /** Sends an event (its {@code routing_key} is filled in here); returns the dedup key PagerDuty answered. */
    String enqueue(SecretRef routingKey, ObjectNode event) {
        String key = routingKey.resolve().reveal();
        ObjectNode body = JsonHttp.JSON.createObjectNode().put("routing_key", key);
        body.setAll(event);
        JsonHttp.Answer answer = http.post(config.eventsUrl(), Map.of(), body);
        PagerDutyErrors.of("Events API", answer, List.of(key)).ifPresent(e -> {
            throw e;
        });
        return answer.json().path("dedup_key").asText(event.path("dedup_key").asText());
    }

    /** The incident PagerDuty made for {@code dedupKey}, if it exists yet. */
    Optional<Incident> incidentByKey(String dedupKey) {
        JsonNode answer = rest("/incidents?date_range=all&incident_key=" + encode(dedupKey));
        JsonNode incidents = answer.path("incidents");
        if (incidents.isEmpty()) {
            return Optional.empty();
        }
        JsonNode i = incidents.get(0);
        return Optional.of(new Incident(i.path("id").asText(), i.path("html_url").asText(null),
                i.path("status").asText(null)));
    }

    /** The emails of everyone on call now for the schedule or escalation policy, every page. */
    List<String> onCallEmails(String filterParam, String id) {
        List<String> emails = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode answer = rest("/oncalls?" + encode(filterParam + "[]") + "=" + encode(id) + "&"
                    + encode("include[]") + "=users&limit=" + PAGE + "&offset=" + offset);
            answer.path("oncalls").forEach(o -> {
                String email = o.path("user").path("email").asText(null);
                if (email != null) {
                    emails.add(email);
                }
            });
            if (!answer.path("more").asBoolean(false)) {
                return emails;
            }
        }
    }

    boolean hasApiToken() {
        return config.apiTokenRef() != null;
    }

    private JsonNode rest(String pathAndQuery) {
        SecretRef ref = config.apiTokenRef();
        if (ref == null) {
            throw new PermanentException("channel_unauthorized",
                    "carapulse.approvals.pagerduty.api-token is not configured");
        }
        String token = ref.resolve().reveal();
        URI uri = URI.create(config.apiUrl().toString().replaceAll("/+$", "") + pathAndQuery);
        JsonHttp.Answer answer = http.get(uri, Map.of("Authorization", "Token token=" + token,
                "Accept", REST_ACCEPT));
        PagerDutyErrors.of("REST API", answer, List.of(token)).ifPresent(e -> {
            throw e;
        });
        return answer.json();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
