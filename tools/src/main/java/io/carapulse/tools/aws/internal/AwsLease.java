package io.carapulse.tools.aws.internal;

import io.carapulse.tools.lease.CredentialLease;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@code aws} CLI child gets from an {@link AwsSession} (S4): the temporary credentials in
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}; empty 0600
 * files as {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE}, so no profile of the
 * server's user is read; the region; no pager, no instance metadata, standard retries. The process
 * runner adds this to an environment it has already scrubbed, so none of the server's own
 * {@code AWS_*} variables reaches the child.
 *
 * <p>The credentials (and their base64 forms) are held by a {@link CredentialLease}, whose secret
 * values go to the redactor. The settings (region, flags) are kept apart and are not secrets: masking
 * {@code eu-west-1} or {@code true} everywhere in the output would ruin it and protect nothing.
 * Closing the lease deletes the files and forgets the values.
 */
public final class AwsLease implements AutoCloseable {

    /** The retry behaviour of the CLI, stated rather than left to its version's default. */
    static final String RETRY_MODE = "standard";
    static final String MAX_ATTEMPTS = "3";

    private final CredentialLease credentials;
    private final Map<String, String> settings;

    private AwsLease(CredentialLease credentials, Map<String, String> settings) {
        this.credentials = credentials;
        this.settings = settings;
    }

    /** A lease of {@code session}'s credentials for one CLI call in the session's region. */
    public static AwsLease open(AwsSession session) {
        CredentialLease lease = CredentialLease.open();
        try {
            Path config = lease.write("aws-config", new byte[0]);
            Path sharedCredentials = lease.write("aws-credentials", new byte[0]);
            lease.putEnv("AWS_CONFIG_FILE", config.toString())
                    .putEnv("AWS_SHARED_CREDENTIALS_FILE", sharedCredentials.toString())
                    .putEnv("AWS_ACCESS_KEY_ID", session.accessKeyId())
                    .putEnv("AWS_SECRET_ACCESS_KEY", session.secretAccessKey())
                    .putEnv("AWS_SESSION_TOKEN", session.sessionToken());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("AWS_REGION", session.region());
        settings.put("AWS_DEFAULT_REGION", session.region());
        settings.put("AWS_PAGER", "");
        settings.put("AWS_CLI_AUTO_PROMPT", "off");
        settings.put("AWS_EC2_METADATA_DISABLED", "true");
        settings.put("AWS_RETRY_MODE", RETRY_MODE);
        settings.put("AWS_MAX_ATTEMPTS", MAX_ATTEMPTS);
        return new AwsLease(lease, settings);
    }

    /**
     * The lease as {@link io.carapulse.tools.cli.CliInvoker} takes it: the credentials (masked) and the
     * settings (not masked, {@link CredentialLease#putSetting}). Closed with this lease.
     */
    public CredentialLease cliLease() {
        settings.forEach(credentials::putSetting);
        return credentials;
    }

    /** The variables to add to the child's scrubbed environment; a copy. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(credentials.env());
        env.putAll(settings);
        return Map.copyOf(env);
    }

    /** The values the redactor must mask: the key id, the secret, the token, each also in base64. */
    public List<String> secretValues() {
        return credentials.secretValues();
    }

    /** Deletes the files and forgets the credentials. Idempotent. */
    @Override
    public void close() {
        credentials.close();
    }

    /** Names only; never values. */
    @Override
    public String toString() {
        return "AwsLease[" + credentials + ", settings=" + settings.keySet() + "]";
    }
}
