package io.carapulse.tools.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code helm.upgrade}: {@code helm upgrade --install <release> <chart> --kube-context <ctx>
 * --namespace <ns> [--version <v>] --wait --atomic --timeout <s>s [-f <values file>] -o json}.
 * CLI only. The chart comes from a source the environment declares, whose private Helm configuration
 * (and, for a chart repository, its index: {@code helm repo update <name>}) is prepared in the call's
 * lease by {@link HelmChartSources}. Inline values are written to a 0600 file in the call's lease; {@code values_ref} names a
 * file in the environment's Git values repository, cloned into the lease first ({@link HelmValuesRepo});
 * either is deleted with the lease when the call ends. Its
 * inverse is a {@code rollback} to the revision deployed before; a release that does not exist yet
 * has none. Data: {@code {release, namespace, revision, status, chart, chartVersion, appVersion}} of
 * the new revision; external ids {@code revision: "<before>-><after>"} and {@code chart}, plus
 * {@code valuesRef} and {@code valuesCommit} (the commit cloned) for {@code values_ref}, and the chart's
 * source and resolved version: {@code chartVersion}, then {@code chartRepository} and
 * {@code chartRepositoryUrl}, or {@code chartRegistry} (never a credential).
 */
public final class HelmUpgrade extends HelmAction {

    static final String TIMEOUT = "\"timeout_seconds\": {\"type\": \"integer\", \"minimum\": 30, \"maximum\": 1800, "
            + "\"description\": \"helm --timeout in seconds (default 300), capped by the step's deadline\"}";

    /** The argument naming a values file in the environment's values repository. */
    static final String VALUES_REF = "values_ref";
    /** A relative YAML path inside the repository; never absolute, never an option, never {@code ..}. */
    static final String VALUES_REF_RE = "^(?!(?:.*/)?\\.\\.(?:/|$))[A-Za-z0-9_][A-Za-z0-9._/-]{0,200}\\.ya?ml$";

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("upgrade", ActionClass.WRITE,
            "Install or upgrade a Helm release from a chart of one of the environment's declared sources "
                    + "(<repository>/<chart> of a helm.chart-repositories entry, or an oci:// reference under a "
                    + "helm.oci-registries prefix), waiting for it "
                    + "and rolling back automatically on failure (--wait --atomic); values inline as a JSON "
                    + "object, or values_ref: a YAML file in the environment's Git values repository "
                    + "(helm.values-repo), cloned at its configured branch or tag; not both",
            HelmArgs.schema(HelmArgs.NAMESPACE + ", " + HelmArgs.RELEASE
                    + ", \"chart\": {\"type\": \"string\", \"maxLength\": 300, \"pattern\": \""
                    + HelmArgs.CHART_RE.replace("\\", "\\\\")
                    + "\", \"description\": \"<repository>/<chart> of a chart repository the environment declares, or an "
                    + "oci:// reference under one of its OCI registry prefixes; never a URL or a local path\"}"
                    + ", \"version\": {\"type\": \"string\", \"pattern\": \"" + HelmArgs.VERSION_RE.replace("\\", "\\\\")
                    + "\", \"description\": \"exact chart version (SemVer); the newest when absent\"}"
                    + ", \"values\": {\"type\": \"object\", \"description\": \"values, as a JSON object; "
                    + "not with values_ref\"}"
                    + ", \"" + VALUES_REF + "\": {\"type\": \"string\", \"maxLength\": 206, \"pattern\": \""
                    + VALUES_REF_RE.replace("\\", "\\\\") + "\", \"description\": \"path of a values YAML file in "
                    + "the environment's Git values repository, e.g. web/values.yaml; not with values\"}"
                    + ", " + TIMEOUT,
                    "namespace", "release", "chart"),
            true, Set.of(Transport.CLI), Duration.ofMinutes(10));

    private final HelmValuesRepo valuesRepo;
    private final HelmChartSources chartSources;

    public HelmUpgrade(HelmCalls calls, HelmValuesRepo valuesRepo, HelmChartSources chartSources) {
        super(calls, DESCRIPTOR);
        this.valuesRepo = valuesRepo;
        this.chartSources = chartSources;
    }

    /**
     * The namespace's S6 check, the chart's (a declared repository or OCI registry), and a values
     * repository in the environment when {@code values_ref} is used.
     */
    @Override
    public List<String> targetProblems(ToolCall call) {
        List<String> problems = new ArrayList<>(super.targetProblems(call));
        problems.addAll(chartSources.problems(call));
        problems.addAll(valuesRepo.problems(call));
        return problems;
    }

    /** A {@code rollback} to the revision deployed now; empty when the release has none (a first install). */
    @Override
    public Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
        return HelmRollback.inverse(calls, call, context);
    }

    @Override
    void checkArguments(ToolCall call) {
        HelmArgs.release(call);
        HelmArgs.checked(call, "chart", HelmArgs.CHART_RE);
        if (call.args().hasNonNull("version")) {
            HelmArgs.checked(call, "version", HelmArgs.VERSION_RE);
        }
        valuesRef(call);
        if (call.args().has("values")) {
            values(call);
        }
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        calls.requireTargets(call);
        String release = HelmArgs.release(call);
        String chart = HelmArgs.checked(call, "chart", HelmArgs.CHART_RE);
        String version = call.args().hasNonNull("version") ? HelmArgs.checked(call, "version", HelmArgs.VERSION_RE)
                : null;
        HelmChartSources.Source source = chartSources.source(call);
        String valuesRef = valuesRef(call);
        Selection.Cli cli = (Selection.Cli) calls.select(call, false);
        List<HistoryEntry> before = calls.history(cli.binary(), call, context);
        Map<String, String> ids = new LinkedHashMap<>();
        ProcessOutcome outcome = calls.cli(cli.binary(), call, HelmCalls.quiet(context), lease -> {
            chartSources.prepare(source, cli.binary(), lease, context);
            Path valuesFile = null;
            if (valuesRef != null) {
                HelmValuesRepo.Fetched fetched = valuesRepo.fetch(call, valuesRef, lease, context);
                ids.put("valuesRef", valuesRef);
                ids.put("valuesCommit", fetched.commit());
                valuesFile = fetched.file();
            } else if (call.args().has("values")) {
                valuesFile = lease.write("values.json", values(call));
            }
            List<String> args = new ArrayList<>(List.of("upgrade", "--install", release, chart));
            args.addAll(calls.targetFlags(call));
            if (version != null) {
                args.addAll(List.of("--version", version));
            }
            args.addAll(List.of("--wait", "--atomic", "--timeout", helmTimeout(call, context) + "s"));
            if (valuesFile != null) {
                args.addAll(List.of("-f", valuesFile.toString()));
            }
            args.addAll(List.of("-o", "json"));
            return args;
        });
        HelmRelease after = HelmRelease.fromJson(HelmCalls.parse(outcome));
        ids.put("revision", HelmCalls.latest(before) + "->" + after.revision());
        ids.put("chart", after.chart() + "-" + after.chartVersion());
        ids.put("chartVersion", after.chartVersion());
        ids.putAll(source.evidence());
        return HelmCalls.summarized(outcome, after.summary(), ids);
    }

    /**
     * The checked {@code values_ref}, or null without one; refused together with inline {@code values},
     * and with a {@code ..} segment (the pattern's check, repeated here for a call that bypassed it).
     */
    static String valuesRef(ToolCall call) {
        if (!call.args().hasNonNull(VALUES_REF)) {
            return null;
        }
        if (call.args().has("values")) {
            throw HelmArgs.invalid("values and values_ref are mutually exclusive: give the values inline or name a "
                    + "file in the environment's values repository, not both");
        }
        String path = HelmArgs.checked(call, VALUES_REF, VALUES_REF_RE);
        if (List.of(path.split("/")).contains("..")) {
            throw HelmArgs.invalid("values_ref must not contain a '..' segment");
        }
        return path;
    }

    /** The helm {@code --timeout}: the argument (default 300 s), leaving 15 s of the deadline for Helm to report. */
    static long helmTimeout(ToolCall call, ToolContext context) {
        long wanted = call.args().path("timeout_seconds").asLong(300);
        long left = Duration.between(Instant.now(), context.deadline()).toSeconds() - 15;
        return Math.max(1, Math.min(wanted, left));
    }

    private static byte[] values(ToolCall call) {
        if (!call.args().get("values").isObject()) {
            throw HelmArgs.invalid("values must be a JSON object");
        }
        try {
            return HelmArgs.JSON.writeValueAsString((ObjectNode) call.args().get("values"))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw HelmArgs.invalid("values cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
