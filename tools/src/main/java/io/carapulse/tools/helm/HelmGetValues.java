package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.ReleaseSecrets;
import io.carapulse.tools.helm.internal.ReleaseValues;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code helm.get-values}: the values of a release revision — {@code helm get values <release> -o json
 * [--revision N] [--all]}, or over HTTP the {@code config} of its release secret (with {@code all},
 * the chart's default values merged under it, top-level chart only). Values are redacted: scalars
 * under credential-like keys are masked, strings pass the redactor. Data: {@code {release, namespace,
 * revision, all, values}}; {@code revision} is the one requested, or 0 for the newest.
 */
public final class HelmGetValues extends HelmAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("get-values", ActionClass.READ,
            "Show the values of a Helm release (the newest or a given revision), with secrets masked; "
                    + "all=true adds the chart's defaults",
            HelmArgs.schema(HelmArgs.NAMESPACE + ", " + HelmArgs.RELEASE
                    + ", \"revision\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 2147483647, "
                    + "\"description\": \"revision to read; the newest when absent\"}"
                    + ", \"all\": {\"type\": \"boolean\", \"description\": \"include the chart's default values\"}",
                    "namespace", "release"),
            false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));

    public HelmGetValues(HelmCalls calls) {
        super(calls, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        calls.requireTargets(call);
        String release = HelmArgs.release(call);
        int revision = HelmArgs.positive(call, "revision");
        boolean all = call.args().path("all").asBoolean(false);
        if (calls.select(call, true) instanceof Selection.Cli cli) {
            List<String> args = new ArrayList<>(List.of("get", "values", release));
            args.addAll(calls.targetFlags(call));
            args.addAll(List.of("-o", "json"));
            if (revision > 0) {
                args.addAll(List.of("--revision", String.valueOf(revision)));
            }
            if (all) {
                args.add("--all");
            }
            ProcessOutcome outcome = calls.cli(cli.binary(), call, HelmCalls.quiet(context), lease -> args);
            JsonNode values = HelmCalls.parse(outcome);
            ObjectNode data = data(call, revision, all, values, Redactor.patterns());
            return HelmCalls.summarized(outcome, data, revision > 0 ? Map.of("revision", String.valueOf(revision))
                    : Map.of());
        }
        String url = calls.secretsUrl(call, "owner%3Dhelm,name%3D" + release);
        HelmRelease r;
        if (revision > 0) {
            List<Secret> secrets = calls.http(call, url,
                    c -> ReleaseSecrets.revisions(c, HelmArgs.namespace(call), release));
            r = secrets.stream().filter(s -> ReleaseSecrets.version(s) == revision).findFirst()
                    .map(HelmStatus::decode)
                    .orElseThrow(() -> HelmStatus.notFound(url, release + " revision " + revision,
                            HelmArgs.namespace(call)));
        } else {
            r = HelmStatus.latest(calls, call, url, release);
        }
        JsonNode values = all ? ReleaseValues.merge(r.chartValues(), r.config()) : r.config();
        ObjectNode data = data(call, revision, all, values, calls.redactor(call));
        return calls.httpResult(call, url, data, Map.of("revision", String.valueOf(r.revision())));
    }

    private static ObjectNode data(ToolCall call, int revision, boolean all, JsonNode values, Redactor redactor) {
        ObjectNode data = HelmArgs.JSON.createObjectNode();
        data.put("release", HelmArgs.release(call));
        data.put("namespace", HelmArgs.namespace(call));
        data.put("revision", revision);
        data.put("all", all);
        data.set("values", values.isObject() ? ReleaseValues.redact(values, redactor) : HelmArgs.JSON.createObjectNode());
        return data;
    }
}
