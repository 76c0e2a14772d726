package io.carapulse.approvals.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.approval.ApprovalRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diff of a step that proposes a change is part of the Linear issue approvers decide in. */
class LinearTextTest {

    private static final String DIFF = "diff --git a/helm/values/prod/web.yaml b/helm/values/prod/web.yaml\n"
            + "--- a/helm/values/prod/web.yaml\n+++ b/helm/values/prod/web.yaml\n@@ -1 +1 @@\n-tag: 1.4.1\n+tag: 1.4.2\n";

    private static ApprovalRequest request(String diff) {
        return new ApprovalRequest("apr_1", "0e4c8a3a-7d5b-4f1e-9a2b-3c4d5e6f7a8b", "pln_1", "prod", "roll web",
                "alice@example.com", "ab".repeat(32), false,
                List.of(new ApprovalRequest.Step(1, "act", "github", "propose-change", "WRITE", "{\"repo\":\"acme/web\"}",
                        new ApprovalRequest.Preview("1 file in acme/web from main@1a2b3c4: +1 -1", diff, "cd".repeat(32))),
                        new ApprovalRequest.Step(2, "verify", "github", "pr-checks", "READ", "{}")),
                Instant.parse("2026-12-07T12:00:00Z"), URI.create("https://carapulse.example.com/v1/plans/pln_1"));
    }

    @Test
    void theIssueShowsEachProposedChangeWithItsDigestInADiffBlock() {
        String body = LinearText.body(request(DIFF));

        assertThat(body).contains("**Step 1 changes:** 1 file in acme/web from main@1a2b3c4: +1 -1 (diff sha256 `"
                + "cd".repeat(32) + "`)\n\n```diff\n" + DIFF + "```\n");
        assertThat(body).doesNotContain("Step 2 changes");
        assertThat(body.indexOf("```diff")).isLessThan(body.indexOf("To decide"));
    }

    @Test
    void aDiffThatHoldsAFenceGetsALongerOneAndALongDiffIsCutAtALineWithAPointerToThePlan() {
        String fenced = "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-```\n+````sh\n";
        assertThat(LinearText.body(request(fenced))).contains("`````diff\n" + fenced + "`````\n");

        String longDiff = "--- a/big\n+++ b/big\n@@ -1,4000 +1,4000 @@\n" + "+0123456789\n".repeat(4000);
        String body = LinearText.body(request(longDiff));
        String shown = body.substring(body.indexOf("```diff\n") + 8, body.indexOf("```\n", body.indexOf("```diff\n") + 8));
        assertThat(shown.length()).isLessThanOrEqualTo(LinearText.MAX_DIFF);
        assertThat(shown).endsWith("+0123456789\n");
        assertThat(body).contains("The diff is cut here; the whole diff is on the plan page"
                + " (https://carapulse.example.com/v1/plans/pln_1).");
    }

    @Test
    void aTimeBoxedStepSaysWhenItsChangeIsRevertedSoTheApproverApprovesTheExpiry() {
        ApprovalRequest r = new ApprovalRequest("apr_2", "0e4c8a3a-7d5b-4f1e-9a2b-3c4d5e6f7a8c", "pln_2", "prod",
                "access for bob", "alice@example.com", "ab".repeat(32), false,
                List.of(new ApprovalRequest.Step(1, "act", "boundary", "grant-access", "WRITE", "{\"role\":\"r_1\"}",
                        null, "2h"), new ApprovalRequest.Step(2, "act", "fake", "scale", "WRITE", "{}")),
                Instant.parse("2026-12-07T12:00:00Z"), null);

        String body = LinearText.body(r);

        assertThat(body).contains("**Step 1 is time-boxed**: its change is reverted 2h after the execution succeeds,"
                + " without another approval.");
        assertThat(body).doesNotContain("Step 2 is time-boxed");
        assertThat(body.indexOf("time-boxed")).isLessThan(body.indexOf("To decide"));
    }
}
