package io.carapulse.core.audit;

import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code carapulse.audit.*}: signed checkpoints of the audit chain (docs/security-model.md).
 *
 * @param signingKey         where the Ed25519 private key is, {@code env:NAME} or {@code file:/path} (PEM,
 *                           PKCS#8); without it no checkpoint is signed
 * @param verifyKey          where its public key is (PEM), to check checkpoints on a server that does
 *                           not sign, or to make sure the signing key is the expected one
 * @param checkpointInterval how often the chain head is signed when records were added since the last
 *                           checkpoint
 */
@ConfigurationProperties("carapulse.audit")
public record AuditConfiguration(
        @Nullable String signingKey,
        @Nullable String verifyKey,
        @Bindable(defaultValue = "10m") Duration checkpointInterval) {

    static final String SIGNING_KEY = "carapulse.audit.signing-key";
    static final String VERIFY_KEY = "carapulse.audit.verify-key";

    public AuditConfiguration {
        signingKeyRef(signingKey);
        verifyKeyRef(verifyKey);
        if (checkpointInterval == null || checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new ConfigurationException("carapulse.audit.checkpoint-interval must be at least 100ms");
        }
    }

    public Optional<SecretRef> signingKeyRef() {
        return signingKeyRef(signingKey);
    }

    public Optional<SecretRef> verifyKeyRef() {
        return verifyKeyRef(verifyKey);
    }

    private static Optional<SecretRef> signingKeyRef(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(SecretRef.parse(SIGNING_KEY, text));
    }

    private static Optional<SecretRef> verifyKeyRef(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(SecretRef.parse(VERIFY_KEY, text));
    }
}
