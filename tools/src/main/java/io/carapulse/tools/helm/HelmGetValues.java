package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.ReleaseSecrets;
import io.carapulse.tools.helm.internal.ReleaseValues;
import io.carapulse.tools.process.ProcessOutcome;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code helm.get-values}: the values of a release revision — {@code helm get values <release> -o json
 * [--revision N] [--all]}, or over HTTP the {@code config} of its release secret (with {@code all},
 * the chart's default values merged under it, top-level chart only). Values are redacted: scalars
 * under credential-like keys are masked, strings pass the redactor. Data: {@code {release, namespace,
 * revision, all, values}}; {@code revision} is the one requested, or 0 for the newest.
 */
public final class HelmGetValues extends HelmAction<HelmGetValues.Arguments> {

    /** The arguments of {@code helm.get-values}. */
    public record Arguments(
            @Arg(value = HelmArgs.NAMESPACE, pattern = HelmArgs.NAMESPACE_RE) String namespace,
            @Arg(value = HelmArgs.RELEASE, pattern = HelmArgs.RELEASE_RE) String release,
            @Arg(value = "revision to read; the newest when absent", min = 1, max = Integer.MAX_VALUE)
            Optional<Integer> revision,
            @Arg(value = "include the chart's default values") Optional<Boolean> all) implements Namespaced {

        /** The revision requested, or 0 for the newest. */
        int revisionOrNewest() {
            return revision.orElse(0);
        }

        boolean allValues() {
            return all.orElse(false);
        }
    }

    public HelmGetValues(HelmCalls calls) {
        super(calls, "get-values", ActionClass.READ,
                "Show the values of a Helm release (the newest or a given revision), with secrets masked; "
                        + "all=true adds the chart's defaults",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult viaCli(Path helm, Arguments args, ToolCall call, ToolContext context) {
        int revision = args.revisionOrNewest();
        List<String> argv = new ArrayList<>(List.of("get", "values", args.release()));
        argv.addAll(targetFlags(call, args));
        argv.addAll(List.of("-o", "json"));
        if (revision > 0) {
            argv.addAll(List.of("--revision", String.valueOf(revision)));
        }
        if (args.allValues()) {
            argv.add("--all");
        }
        ProcessOutcome outcome = runtime.helm(helm, call, HelmCalls.quiet(context), lease -> argv);
        JsonNode values = HelmCalls.parse(outcome);
        ObjectNode data = data(args, values, Redactor.patterns());
        return HelmCalls.summarized(outcome, data, revision > 0 ? Map.of("revision", String.valueOf(revision))
                : Map.of());
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        String release = args.release();
        String namespace = args.namespace();
        int revision = args.revisionOrNewest();
        String url = runtime.secretsUrl(call, namespace, "owner%3Dhelm,name%3D" + release);
        HelmRelease r;
        if (revision > 0) {
            List<Secret> secrets = runtime.http(call, url, c -> ReleaseSecrets.revisions(c, namespace, release));
            r = secrets.stream().filter(s -> ReleaseSecrets.version(s) == revision).findFirst()
                    .map(HelmStatus::decode)
                    .orElseThrow(() -> HelmStatus.notFound(url, release + " revision " + revision, namespace));
        } else {
            r = HelmStatus.latest(runtime, call, namespace, url, release);
        }
        JsonNode values = args.allValues() ? ReleaseValues.merge(r.chartValues(), r.config()) : r.config();
        ObjectNode data = data(args, values, runtime.redactor(call));
        return runtime.httpResult(call, url, data, Map.of("revision", String.valueOf(r.revision())));
    }

    private static ObjectNode data(Arguments args, JsonNode values, Redactor redactor) {
        ObjectNode data = HelmArgs.JSON.createObjectNode();
        data.put("release", args.release());
        data.put("namespace", args.namespace());
        data.put("revision", args.revisionOrNewest());
        data.put("all", args.allValues());
        data.set("values", values.isObject() ? ReleaseValues.redact(values, redactor) : HelmArgs.JSON.createObjectNode());
        return data;
    }
}
