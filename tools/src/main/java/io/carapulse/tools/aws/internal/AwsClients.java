package io.carapulse.tools.aws.internal;

import io.carapulse.tools.aws.AwsAccount;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every AWS SDK client of the family is built: region from the call (checked against the
 * inventory before), endpoint from the account, credentials only from an assumed-role session, the
 * JDK's HTTP client, bounded time, and the same retries as the CLI's lease ({@code standard}: three
 * attempts in all, for throttling, 5xx answers and broken connections).
 */
public final class AwsClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private AwsClients() {
    }

    /**
     * A client for one call of {@code session}, e.g. {@code build(Ec2Client.builder(), account, session)}.
     * The caller closes it.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsAccount account, AwsSession session) {
        return configure(builder, account, session.region()).credentialsProvider(session.credentialsProvider()).build();
    }

    /**
     * The same, its calls bounded by {@code callTimeout} as well (the step's deadline): whichever is
     * shorter of it and {@link #CALL_TIMEOUT}.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsAccount account, AwsSession session, Duration callTimeout) {
        Duration timeout = callTimeout.compareTo(CALL_TIMEOUT) < 0 ? callTimeout : CALL_TIMEOUT;
        configure(builder, account, session.region()).credentialsProvider(session.credentialsProvider())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(timeout)
                        .retryStrategy(RetryMode.STANDARD).build());
        return builder.build();
    }

    /** The builder with region, endpoint, HTTP client and timeouts set; credentials are the caller's. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsAccount account, String region) {
        builder.region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD).build());
        account.endpointUrl().ifPresent(builder::endpointOverride);
        return builder;
    }
}
