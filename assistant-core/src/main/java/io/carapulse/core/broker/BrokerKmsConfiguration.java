package io.carapulse.core.broker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code carapulse.broker.kms.*}: the AWS KMS client used when a key encryption key is {@code aws-kms:…}.
 * Credentials come from the AWS SDK's default chain (environment, profile, container or instance role).
 *
 * @param region   the region of the key (else the SDK's region chain: AWS_REGION, the profile)
 * @param endpoint another endpoint (a VPC endpoint; a stub in tests)
 */
@ConfigurationProperties("carapulse.broker.kms")
public record BrokerKmsConfiguration(@Nullable String region, @Nullable String endpoint) {
}
