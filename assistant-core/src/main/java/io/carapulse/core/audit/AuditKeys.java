package io.carapulse.core.audit;

import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.error.PermanentException;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.micronaut.context.annotation.Context;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit checkpoint keys, read once at start-up from {@code carapulse.audit.signing-key} and
 * {@code carapulse.audit.verify-key}: outside the database, so whoever can write the database cannot
 * sign. A key that cannot be read, is not Ed25519, or a verify key that is not the signing key's
 * public half stops start-up with one line naming the setting. Key material never reaches a log or
 * a message; only the key id does.
 */
@Context
public class AuditKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AuditKeys.class);

    private final PrivateKey signingKey;
    private final PublicKey verifyKey;
    private final String keyId;

    public AuditKeys(AuditConfiguration config) {
        this(config, System::getenv);
    }

    AuditKeys(AuditConfiguration config, Function<String, String> environment) {
        Optional<SecretRef> signingRef = config.signingKeyRef();
        Optional<SecretRef> verifyRef = config.verifyKeyRef();
        this.signingKey = signingRef.map(ref -> read(AuditConfiguration.SIGNING_KEY, ref, environment,
                Checkpoints::privateKey)).orElse(null);
        PublicKey derived = signingKey == null ? null : Checkpoints.publicKeyOf(signingKey);
        PublicKey configured = verifyRef.map(ref -> read(AuditConfiguration.VERIFY_KEY, ref, environment,
                Checkpoints::publicKey)).orElse(null);
        if (derived != null && configured != null && !Arrays.equals(derived.getEncoded(), configured.getEncoded())) {
            throw new ConfigurationException(AuditConfiguration.VERIFY_KEY + ": " + verifyRef.get()
                    + " is not the public key of " + AuditConfiguration.SIGNING_KEY + " (" + signingRef.get()
                    + "): key " + Checkpoints.keyId(configured) + " was given, the signing key's is "
                    + Checkpoints.keyId(derived));
        }
        this.verifyKey = configured != null ? configured : derived;
        this.keyId = verifyKey == null ? null : Checkpoints.keyId(verifyKey);
        if (signingKey != null) {
            LOG.info("audit checkpoints are signed with key {} every {}", keyId, config.checkpointInterval());
        } else if (verifyKey != null) {
            LOG.info("audit checkpoints are checked with key {}; this server does not sign them", keyId);
        }
    }

    private static <K> K read(String setting, SecretRef ref, Function<String, String> environment,
                              Function<String, K> parse) {
        String pem;
        try {
            pem = ref.resolve(environment).reveal();
        } catch (PermanentException e) {
            throw new ConfigurationException(setting + ": " + e.getMessage());
        }
        try {
            return parse.apply(pem);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting + ": " + ref + " " + e.getMessage());
        }
    }

    /** Whether this server signs checkpoints. */
    public boolean canSign() {
        return signingKey != null;
    }

    /** The public key checkpoints are checked with, if one is configured (or derived from the signing key). */
    public Optional<PublicKey> verifyKey() {
        return Optional.ofNullable(verifyKey);
    }

    /** The id of {@link #verifyKey()}, or {@code null}. */
    public String keyId() {
        return keyId;
    }

    /** Signs {@code payload} with the signing key; base64. */
    String sign(String payload) {
        if (signingKey == null) {
            throw new IllegalStateException("no signing key");
        }
        return Checkpoints.sign(signingKey, payload);
    }

    @Override
    public String toString() {
        return "AuditKeys[keyId=" + keyId + ", signs=" + canSign() + "]";
    }
}
