package io.carapulse.tools.aws;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.aws.internal.AwsSessions;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportSelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Environments for the aws family's tests: {@code prod} declares account {@code prod} (123456789012,
 * eu-west-1 and eu-central-1, its endpoint the local AWS stubs) and allow-lists for every write;
 * {@code dev} declares no AWS at all.
 */
final class AwsWorld {

    static final String ENV = "prod";
    static final String ROLE = "arn:aws:iam::123456789012:role/carapulse";

    private AwsWorld() {
    }

    static EnvironmentCatalog catalog(URI endpoint) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("name", "prod");
        account.put("account-id", "123456789012");
        account.put("role-arn", ROLE);
        account.put("external-id", "env:PROD_EXTERNAL_ID");
        account.put("regions", List.of("eu-west-1", "eu-central-1"));
        account.put("endpoint-url", endpoint.toString());
        AwsSection section = new AwsSection(List.of(new AwsProperties(ENV, new AwsProperties.Aws(List.of(account),
                List.of("web-asg", "batch-*"), List.of("prod"), List.of("workers-*"), List.of("prod"), List.of("web"),
                List.of("team=web"), List.of("ci-deployer"), List.of("/aws/eks/prod/", "/ecs/web")))));
        return new EnvironmentCatalog(List.of(env("prod"), env("dev")), List.of(section));
    }

    private static EnvironmentProperties env(String name) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"));
    }

    static AwsSessions sessions() {
        return new AwsSessions(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsStubs.SERVER_KEY_ID,
                AwsStubs.SERVER_SECRET)), Map.of("PROD_EXTERNAL_ID", "canary-external-id-5b9e")::get);
    }

    /** The adapter finding {@code aws} on {@code path} (a fake's directory, or an empty one: the SDK path). */
    static AwsAdapter adapter(URI endpoint, Path path, ProcessRunner runner) {
        TransportSelector selector = new TransportSelector(new BinaryLocator(path == null ? "" : path.toString(),
                Clock.systemUTC()), List.of(ToolSettings.defaults("aws")));
        return new AwsAdapter(new AwsRuntime(catalog(endpoint), selector, new CliInvoker(runner), sessions()));
    }
}
