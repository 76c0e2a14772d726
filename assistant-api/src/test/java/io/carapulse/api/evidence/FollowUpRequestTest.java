package io.carapulse.api.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a tool may ask to look for later, and how a result carries it. */
class FollowUpRequestTest {

    private static ObjectNode params() {
        return JsonNodeFactory.instance.objectNode().put("eventName", "UpdateService");
    }

    @Test
    void shouldRefuseAKindThatIsNotANameAndAGiveUpOutsideItsBounds() {
        assertThatThrownBy(() -> new FollowUpRequest("AWS CloudTrail", params(), Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'AWS CloudTrail'");
        assertThatThrownBy(() -> new FollowUpRequest("aws.cloudtrail", params(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("giveUpAfter");
        assertThatThrownBy(() -> new FollowUpRequest("aws.cloudtrail", params(), Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("giveUpAfter");
        assertThat(new FollowUpRequest("aws.cloudtrail", params(), FollowUpRequest.MAX_GIVE_UP_AFTER).kind())
                .isEqualTo("aws.cloudtrail");
    }

    @Test
    void shouldKeepItsParametersAsTheyWereWhenItWasMade() {
        ObjectNode p = params();
        FollowUpRequest r = new FollowUpRequest("aws.cloudtrail", p, Duration.ofMinutes(30));
        p.put("eventName", "changed");
        r.params().put("eventName", "changed too");

        assertThat(r.params().get("eventName").asText()).isEqualTo("UpdateService");
    }

    @Test
    void shouldCarryFollowUpsOnAResultWithoutChangingAnythingElse() {
        ToolResult plain = new ToolResult(Transport.CLI, List.of("aws", "ecs"), 0, null, "ok", null,
                Map.of("serviceArn", "arn:aws:ecs:…"));
        FollowUpRequest r = new FollowUpRequest("aws.cloudtrail", params(), Duration.ofMinutes(30));

        ToolResult with = plain.withFollowUps(List.of(r));

        assertThat(plain.followUps()).isEmpty();
        assertThat(with.followUps()).containsExactly(r);
        assertThat(with.withFollowUps(List.of()).followUps()).isEmpty();
        assertThat(with).usingRecursiveComparison().ignoringFields("followUps").isEqualTo(plain);
    }

    @Test
    void shouldTellAttemptsApartByTheirType() {
        EvidenceFollowUp.Attempt found = EvidenceFollowUp.Attempt.found(Map.of("eventId", "e1"), null);
        assertThat(found).isInstanceOf(EvidenceFollowUp.Attempt.Found.class);
        assertThat(((EvidenceFollowUp.Attempt.Found) found).summary()).isEmpty();
        assertThat(EvidenceFollowUp.Attempt.notYet(null)).isEqualTo(new EvidenceFollowUp.Attempt.NotYet(""));
        assertThat(EvidenceFollowUp.Attempt.failed("no")).isEqualTo(new EvidenceFollowUp.Attempt.Failed("no"));
    }
}
