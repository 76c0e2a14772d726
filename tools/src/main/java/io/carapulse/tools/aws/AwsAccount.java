package io.carapulse.tools.aws;

import io.carapulse.config.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One AWS account an environment's {@code aws} steps may act in (S6), as
 * {@code carapulse.environments.<env>.aws.accounts[i]} declares it. Every call assumes
 * {@link #roleArn()} with STS; region and account always come from here, never from a step.
 *
 * @param name            how steps and people name the account, e.g. {@code prod}
 * @param accountId       the 12-digit account id, the one in {@link #roleArn()}
 * @param roleArn         the IAM role the server assumes for every call in this account
 * @param externalId      where the role's external id lives ({@code env:…} or {@code file:…}), if its
 *                        trust policy asks for one; resolved only when the role is assumed
 * @param regions         the regions steps may act in, at least one
 * @param sessionDuration how long the assumed-role credentials live (15 min … 12 h, default 1 h)
 * @param endpointUrl     one endpoint for every AWS API of this account (tests, a proxy), if any
 */
public record AwsAccount(String name, String accountId, String roleArn, Optional<SecretRef> externalId,
                         List<String> regions, Duration sessionDuration, Optional<URI> endpointUrl) {

    /** The session duration when the account declares none. */
    public static final Duration DEFAULT_SESSION_DURATION = Duration.ofHours(1);

    public AwsAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(externalId, "externalId");
        regions = List.copyOf(regions);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("an AWS account needs at least one region");
        }
        Objects.requireNonNull(sessionDuration, "sessionDuration");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
    }

    /** Whether steps may act in {@code region} of this account. */
    public boolean allowsRegion(String region) {
        return regions.contains(region);
    }

    /** The partition of {@link #roleArn()}: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, … */
    public String partition() {
        return roleArn.split(":", 3)[1];
    }
}
