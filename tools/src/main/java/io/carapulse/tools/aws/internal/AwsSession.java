package io.carapulse.tools.aws.internal;

import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The temporary credentials of one assumed-role session, for one call: handed to a CLI only through
 * an {@link AwsLease}, to an SDK client only through {@link #credentialsProvider()}. Never stored,
 * never logged: {@link #toString()} shows neither the secret nor the token (S4).
 *
 * @param accountName     the inventory name of the account
 * @param region          the region the call acts in
 * @param accessKeyId     the temporary access key id ({@code ASIA…})
 * @param secretAccessKey the temporary secret access key
 * @param sessionToken    the session token
 * @param expiration      when the credentials stop working
 * @param assumedRoleArn  the session's ARN, {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}
 * @param sessionName     the role session name CloudTrail shows, {@code carapulse-<execution>-<step>}
 */
public record AwsSession(String accountName, String region, String accessKeyId, String secretAccessKey,
                         String sessionToken, Instant expiration, String assumedRoleArn, String sessionName) {

    public AwsSession {
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(assumedRoleArn, "assumedRoleArn");
        Objects.requireNonNull(sessionName, "sessionName");
    }

    /** The credentials for an SDK client of this call. */
    public AwsCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                .accessKeyId(accessKeyId).secretAccessKey(secretAccessKey).sessionToken(sessionToken)
                .expirationTime(expiration).build());
    }

    /** Names and times only; never a key, the secret or the token. */
    @Override
    public String toString() {
        return "AwsSession[account=" + accountName + ", region=" + region + ", role=" + assumedRoleArn
                + ", sessionName=" + sessionName + ", expiration=" + expiration + "]";
    }
}
