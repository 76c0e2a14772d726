package io.carapulse.approvals.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.approval.WebhookRejectedException;
import io.carapulse.config.SecretRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linear webhook signature: HMAC-SHA256 of the raw body, hex, in {@code Linear-Signature}, and a
 * fresh {@code webhookTimestamp}. The expected signatures are computed here with javax.crypto, from
 * the secret and the exact bytes sent, as Linear computes them.
 */
class LinearWebhookVerifierTest {

    private static final String SECRET = "lin_wh_test_0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final String ISSUE_ID = "5f0f2c9e-6d43-4a8b-9a57-0b8f1f4c2d11";

    @TempDir
    Path dir;

    private static byte[] issueUpdate(Instant at) {
        return ("{\"action\":\"update\",\"type\":\"Issue\",\"createdAt\":\"" + at + "\",\"data\":{\"id\":\"" + ISSUE_ID
                + "\",\"identifier\":\"OPS-42\",\"labelIds\":[\"lbl-approved\"]},\"updatedFrom\":{\"labelIds\":"
                + "[\"lbl-pending\"]},\"url\":\"https://linear.app/acme/issue/OPS-42\",\"webhookTimestamp\":"
                + at.toEpochMilli() + ",\"webhookId\":\"0b2a7f0e-9a4e-4c55-8c1e-3f4d1a2b3c4d\","
                + "\"organizationId\":\"org-1\"}").getBytes(StandardCharsets.UTF_8);
    }

    static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static Function<String, String> headers(String signature) {
        Map<String, String> h = signature == null ? Map.of() : Map.of("Linear-Signature", signature);
        return h::get;
    }

    /** The secret as the server reads it: from a {@code file:} reference. */
    private LinearWebhookVerifier verifierWithSecret() throws Exception {
        Path file = Files.writeString(dir.resolve("linear-webhook-secret"), SECRET + "\n");
        return new LinearWebhookVerifier(SecretRef.parse("test", "file:" + file), Duration.ofSeconds(60));
    }

    @Test
    void shouldAcceptASignedFreshIssueDeliveryAndNameItsIssue() throws Exception {
        byte[] body = issueUpdate(NOW.minusSeconds(5));

        assertThat(verifierWithSecret().verify(body, headers(sign(body, SECRET)), NOW)).containsExactly(ISSUE_ID);
    }

    @Test
    void shouldAcceptTheSignatureInUpperCaseHex() throws Exception {
        byte[] body = issueUpdate(NOW);

        assertThat(verifierWithSecret().verify(body, headers(sign(body, SECRET).toUpperCase()), NOW))
                .containsExactly(ISSUE_ID);
    }

    @Test
    void shouldRefuseAnUnsignedDelivery() throws Exception {
        LinearWebhookVerifier v = verifierWithSecret();
        assertThatThrownBy(() -> v.verify(issueUpdate(NOW), headers(null), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("not signed");
    }

    @Test
    void shouldRefuseASignatureMadeWithAnotherSecret() throws Exception {
        byte[] body = issueUpdate(NOW);

        LinearWebhookVerifier v = verifierWithSecret();
        assertThatThrownBy(() -> v.verify(body, headers(sign(body, SECRET + "x")), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void shouldRefuseABodyChangedAfterSigning() throws Exception {
        byte[] body = issueUpdate(NOW);
        String signature = sign(body, SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("OPS-42", "OPS-43")
                .getBytes(StandardCharsets.UTF_8);

        LinearWebhookVerifier v = verifierWithSecret();
        assertThatThrownBy(() -> v.verify(tampered, headers(signature), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void shouldRefuseASignatureThatIsNotHex() throws Exception {
        LinearWebhookVerifier v = verifierWithSecret();
        assertThatThrownBy(() -> v.verify(issueUpdate(NOW), headers("sha256=zz"), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("not hex");
    }

    @Test
    void shouldRefuseAStaleDeliveryEvenWhenItsSignatureIsRight() throws Exception {
        byte[] old = issueUpdate(NOW.minus(Duration.ofMinutes(5)));
        byte[] future = issueUpdate(NOW.plus(Duration.ofMinutes(5)));

        LinearWebhookVerifier v = verifierWithSecret();
        assertThatThrownBy(() -> v.verify(old, headers(sign(old, SECRET)), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("stale");
        assertThatThrownBy(() -> v.verify(future, headers(sign(future, SECRET)), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("stale");
    }

    @Test
    void shouldRefuseASignedDeliveryWithoutATimestamp() throws Exception {
        byte[] body = "{\"type\":\"Issue\",\"data\":{\"id\":\"x\"}}".getBytes(StandardCharsets.UTF_8);

        LinearWebhookVerifier v = verifierWithSecret();
        assertThatThrownBy(() -> v.verify(body, headers(sign(body, SECRET)), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("no webhookTimestamp");
    }

    @Test
    void shouldNameNoIssueForDeliveriesAboutOtherThings() throws Exception {
        byte[] body = ("{\"action\":\"create\",\"type\":\"Comment\",\"data\":{\"id\":\"c1\",\"issueId\":\"" + ISSUE_ID
                + "\"},\"webhookTimestamp\":" + NOW.toEpochMilli() + "}").getBytes(StandardCharsets.UTF_8);

        assertThat(verifierWithSecret().verify(body, headers(sign(body, SECRET)), NOW)).isEmpty();
    }

    @Test
    void shouldRefuseEveryDeliveryWhenNoSecretIsConfigured() throws Exception {
        byte[] body = issueUpdate(NOW);
        LinearWebhookVerifier none = new LinearWebhookVerifier(null, Duration.ofSeconds(60));

        assertThatThrownBy(() -> none.verify(body, headers(sign(body, SECRET)), NOW))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("no webhook secret");
    }

    @Test
    void shouldNeverPutTheSecretInARefusal() throws Exception {
        LinearWebhookVerifier verifier = verifierWithSecret();
        assertThatThrownBy(() -> verifier.verify(issueUpdate(NOW), headers("00ff"), NOW))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
}
