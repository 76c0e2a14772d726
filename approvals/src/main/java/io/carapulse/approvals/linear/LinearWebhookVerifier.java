package io.carapulse.approvals.linear;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.approval.WebhookRejectedException;
import io.carapulse.approvals.http.JsonHttp;
import io.carapulse.config.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Linear's webhook signature: {@code Linear-Signature} is the hex HMAC-SHA256 of the raw body keyed
 * with the webhook's signing secret; the body's {@code webhookTimestamp} (milliseconds) must be close
 * to now, so a captured delivery cannot be replayed later. Nothing in the body is read before the
 * signature matches, and the comparison takes the same time whatever the input.
 */
final class LinearWebhookVerifier {

    static final String SIGNATURE_HEADER = "Linear-Signature";

    private final SecretRef secret;
    private final Duration tolerance;

    LinearWebhookVerifier(SecretRef secret, Duration tolerance) {
        this.secret = secret;
        this.tolerance = tolerance;
    }

    /** The ids of the issues the delivery is about; empty for deliveries about anything else. */
    List<String> verify(byte[] body, Function<String, String> headers, Instant now) {
        if (secret == null) {
            throw new WebhookRejectedException("no webhook secret is configured (carapulse.approvals.linear.webhook-secret)");
        }
        String signature = headers.apply(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejectedException("the delivery is not signed (no " + SIGNATURE_HEADER + " header)");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip());
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException("the " + SIGNATURE_HEADER + " header is not hex");
        }
        if (!MessageDigest.isEqual(given, hmac(body))) {
            throw new WebhookRejectedException("the signature does not match the body");
        }
        JsonNode json;
        try {
            json = JsonHttp.JSON.readTree(body);
        } catch (IOException e) {
            throw new WebhookRejectedException("the signed body is not JSON");
        }
        JsonNode ts = json == null ? null : json.get("webhookTimestamp");
        if (ts == null || !ts.canConvertToLong()) {
            throw new WebhookRejectedException("the delivery has no webhookTimestamp");
        }
        Duration age = Duration.between(Instant.ofEpochMilli(ts.asLong()), now).abs();
        if (age.compareTo(tolerance) > 0) {
            throw new WebhookRejectedException("the delivery is stale: its webhookTimestamp is " + age.toSeconds()
                    + "s from now (tolerance " + tolerance.toSeconds() + "s)");
        }
        if (!"Issue".equals(json.path("type").asText()) || !json.path("data").path("id").isTextual()) {
            return List.of();
        }
        return List.of(json.path("data").path("id").asText());
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.resolve().reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
