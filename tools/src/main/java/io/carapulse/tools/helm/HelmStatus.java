package io.carapulse.tools.helm;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.ReleaseSecrets;
import io.carapulse.tools.process.ProcessOutcome;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code helm.status}: the newest revision of a release — {@code helm status <release> -o json}, or
 * over HTTP the release secret with the highest version. Data:
 * {@code {release, namespace, revision, status, chart, chartVersion, appVersion}}.
 */
public final class HelmStatus extends HelmAction<HelmStatus.Arguments> {

    /** The arguments of {@code helm.status}. */
    public record Arguments(
            @Arg(value = HelmArgs.NAMESPACE, pattern = HelmArgs.NAMESPACE_RE) String namespace,
            @Arg(value = HelmArgs.RELEASE, pattern = HelmArgs.RELEASE_RE) String release) implements Namespaced {
    }

    public HelmStatus(HelmCalls calls) {
        super(calls, "status", ActionClass.READ,
                "Show a Helm release's newest revision: status, revision, chart and app version",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult viaCli(Path helm, Arguments args, ToolCall call, ToolContext context) {
        List<String> argv = new ArrayList<>(List.of("status", args.release()));
        argv.addAll(targetFlags(call, args));
        argv.addAll(List.of("-o", "json"));
        ProcessOutcome outcome = runtime.helm(helm, call, HelmCalls.quiet(context), lease -> argv);
        HelmRelease r = HelmRelease.fromJson(HelmCalls.parse(outcome));
        return HelmCalls.summarized(outcome, r.summary(), ids(r));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        String url = runtime.secretsUrl(call, args.namespace(), "owner%3Dhelm,name%3D" + args.release());
        HelmRelease r = latest(runtime, call, args.namespace(), url, args.release());
        return runtime.httpResult(call, url, r.summary(), ids(r));
    }

    /** The newest revision of a release over HTTP; {@code not_found} when it has no release secret. */
    static HelmRelease latest(HelmCalls calls, ToolCall call, String namespace, String url, String release) {
        List<Secret> secrets = calls.http(call, url, c -> ReleaseSecrets.revisions(c, namespace, release));
        if (secrets.isEmpty()) {
            throw notFound(url, release, namespace);
        }
        return decode(secrets.get(secrets.size() - 1));
    }

    /** A release secret's release; {@code tool_failed} when it is not in Helm's format. */
    static HelmRelease decode(Secret secret) {
        try {
            return ReleaseSecrets.release(secret);
        } catch (IllegalArgumentException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "secret " + secret.getMetadata().getName()
                    + " is not a Helm 3 release: " + e.getMessage(), null, e);
        }
    }

    /** A release with no secret, as Helm words it, with the HTTP evidence. */
    static ToolException notFound(String url, String release, String namespace) {
        String message = "release: not found (no Helm release secret for " + release + " in namespace " + namespace
                + ")";
        return new ToolException(ToolFailure.NOT_FOUND, message,
                new ToolResult(Transport.HTTP, List.of("GET", url), null, 404, message, null, Map.of()));
    }

    static Map<String, String> ids(HelmRelease r) {
        return Map.of("revision", String.valueOf(r.revision()), "chart", r.chart() + "-" + r.chartVersion());
    }
}
