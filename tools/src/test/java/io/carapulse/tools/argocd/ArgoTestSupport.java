package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Environments, fixtures and calls shared by the argocd tests. */
final class ArgoTestSupport {

    /** The canary token: it must never appear in argv, output, results or emitted lines. */
    static final String TOKEN = "argo-canary-7f3e9c1d5b2a";

    /** A JWT the fake prints, which the redactor's patterns must mask. */
    static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJjaS1ib3QifQ.c2lnbmF0dXJlLWNhbmFyeQ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArgoTestSupport() {
    }

    /** {@code prod} has Argo CD at {@code server} with projects payments and checkout; {@code dev} has none. */
    static EnvironmentCatalog catalog(String server) {
        ArgoCdSection argocd = new ArgoCdSection(List.of(new ArgoCdProperties("prod", new ArgoCdProperties.Server(
                server, "env:ARGO_TOKEN", List.of("payments", "checkout")))));
        return new EnvironmentCatalog(List.of(env("prod"), env("dev")), List.of(argocd));
    }

    private static EnvironmentProperties env(String name) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"));
    }

    /** A selector whose PATH is {@code path} (a fake's directory, or an empty one to force HTTP). */
    static TransportSelector selector(Path path) {
        return new TransportSelector(new BinaryLocator(path.toString(), Clock.systemUTC()),
                List.of(ToolSettings.defaults("argocd")));
    }

    static ArgoCdAdapter adapter(String server, Path path, ProcessRunner runner) {
        return new ArgoCdAdapter(catalog(server), selector(path), new CliInvoker(runner),
                name -> name.equals("ARGO_TOKEN") ? TOKEN : null);
    }

    static ToolCall call(String action, String args) {
        return call(action, args, "prod");
    }

    static ToolCall call(String action, String args, String environment) {
        try {
            return new ToolCall("argocd", action, (ObjectNode) JSON.readTree(args), environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        try (InputStream in = ArgoTestSupport.class.getResourceAsStream("/argocd/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
