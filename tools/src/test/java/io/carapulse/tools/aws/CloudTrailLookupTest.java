package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CloudTrail follow-up's lookup: by the call's temporary access key id, within the window. */
class CloudTrailLookupTest extends AwsStubbedTestBase {

    private static final Instant FROM = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-06T10:30:00Z");

    @Test
    void shouldLookEventsUpByTheAccessKeyIdWithinTheWindow() throws Exception {
        List<CloudTrailLookup.Event> events = new CloudTrailLookup(sessions).lookup(account, "eu-west-1",
                "ASIAQOTHERSESSION001", FROM, TO, CTX);

        assertThat(events).extracting(CloudTrailLookup.Event::id).containsExactly("0d2f5a83-2d6c-4a8b-9f41-7b1c3e9e0a11");
        assertThat(events.get(0).name()).isEqualTo("SetDesiredCapacity");
        JsonNode request = new ObjectMapper().readTree(stubs.jsonRequests(AwsStubs.Json.CLOUDTRAIL, "LookupEvents").get(0)
                .getBodyAsString());
        assertThat(request.path("LookupAttributes").path(0).path("AttributeKey").asText()).isEqualTo("AccessKeyId");
        assertThat(request.path("LookupAttributes").path(0).path("AttributeValue").asText()).isEqualTo("ASIAQOTHERSESSION001");
        assertThat(request.path("StartTime").asDouble()).isEqualTo(FROM.getEpochSecond());
        assertThat(request.path("EndTime").asDouble()).isEqualTo(TO.getEpochSecond());
    }

    @Test
    void throttlingShouldBeRetriable() {
        stubs.throttleJson(AwsStubs.Json.CLOUDTRAIL, "LookupEvents");

        Throwable t = catchThrowable(() -> new CloudTrailLookup(sessions).lookup(account, "eu-west-1",
                "ASIAQOTHERSESSION001", FROM, TO, CTX));

        assertThat(t).isInstanceOfSatisfying(RetriableToolException.class,
                e -> assertThat(e.failure()).isEqualTo(ToolFailure.RATE_LIMITED));
    }
}
