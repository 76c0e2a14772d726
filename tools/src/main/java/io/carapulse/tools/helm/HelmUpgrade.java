package io.carapulse.tools.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.process.ProcessOutcome;
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
public final class HelmUpgrade extends HelmAction<HelmUpgrade.Arguments> {

    /** The argument naming a values file in the environment's values repository. */
    static final String VALUES_REF = "values_ref";

    /**
     * The arguments of {@code helm.upgrade}; {@code values_ref} and {@code timeout_seconds} are spelled as
     * on the wire, where the component's name is the argument's name.
     */
    public record Arguments(
            @Arg(value = HelmArgs.NAMESPACE, pattern = HelmArgs.NAMESPACE_RE) String namespace,
            @Arg(value = HelmArgs.RELEASE, pattern = HelmArgs.RELEASE_RE) String release,
            @Arg(value = "<repository>/<chart> of a chart repository the environment declares, or an oci:// reference "
                    + "under one of its OCI registry prefixes; never a URL or a local path",
                    pattern = HelmArgs.CHART_RE, maxLength = 300) String chart,
            @Arg(value = "exact chart version (SemVer); the newest when absent", pattern = HelmArgs.VERSION_RE)
            Optional<String> version,
            @Arg(value = "values, as a JSON object; not with values_ref") Optional<ObjectNode> values,
            @Arg(value = "path of a values YAML file in the environment's Git values repository, e.g. "
                    + "web/values.yaml; not with values", pattern = HelmArgs.VALUES_REF_RE, maxLength = 206)
            Optional<String> values_ref,
            @Arg(value = HelmArgs.TIMEOUT, min = 30, max = 1800) Optional<Integer> timeout_seconds)
            implements Namespaced {

        /**
         * Refuses inline values together with {@code values_ref}, and a {@code values_ref} with a {@code ..}
         * segment (the pattern's check, repeated here so it does not rest on the pattern alone).
         */
        public Arguments {
            if (values.isPresent() && values_ref.isPresent()) {
                throw ToolArgs.invalid("values and values_ref are mutually exclusive: give the values inline or "
                        + "name a file in the environment's values repository, not both");
            }
            if (values_ref.isPresent() && List.of(values_ref.get().split("/")).contains("..")) {
                throw ToolArgs.invalid("values_ref must not contain a '..' segment");
            }
        }
    }

    private final HelmValuesRepo valuesRepo;
    private final HelmChartSources chartSources;

    public HelmUpgrade(HelmCalls calls, HelmValuesRepo valuesRepo, HelmChartSources chartSources) {
        super(calls, "upgrade", ActionClass.WRITE,
                "Install or upgrade a Helm release from a chart of one of the environment's declared sources "
                        + "(<repository>/<chart> of a helm.chart-repositories entry, or an oci:// reference under a "
                        + "helm.oci-registries prefix), waiting for it "
                        + "and rolling back automatically on failure (--wait --atomic); values inline as a JSON "
                        + "object, or values_ref: a YAML file in the environment's Git values repository "
                        + "(helm.values-repo), cloned at its configured branch or tag; not both",
                Arguments.class, true, Set.of(Transport.CLI), Duration.ofMinutes(10));
        this.valuesRepo = valuesRepo;
        this.chartSources = chartSources;
    }

    /**
     * The namespace's S6 check, the chart's (a declared repository or OCI registry), and a values
     * repository in the environment when {@code values_ref} is used.
     */
    @Override
    protected List<String> targets(String environment, Arguments args) {
        List<String> problems = new ArrayList<>(super.targets(environment, args));
        // the chart sources and the values repository read a call: this one, from the parsed arguments
        ToolCall call = new ToolCall(runtime.tool(), descriptor().name(), declaration().write(args), environment);
        problems.addAll(chartSources.problems(call));
        problems.addAll(valuesRepo.problems(call));
        return problems;
    }

    /** A {@code rollback} to the revision deployed now; empty when the release has none (a first install). */
    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        return HelmRollback.deployedNow(runtime, call, args.namespace(), args.release(), args.timeout_seconds(), context)
                .map(restore -> other(call, "rollback", HelmRollback.Arguments.class, restore));
    }

    @Override
    protected ToolResult viaCli(Path helm, Arguments args, ToolCall call, ToolContext context) {
        HelmChartSources.Source source = chartSources.source(call);
        List<HistoryEntry> before = runtime.history(helm, call, args.namespace(), args.release(), context);
        Map<String, String> ids = new LinkedHashMap<>();
        ProcessOutcome outcome = runtime.helm(helm, call, HelmCalls.quiet(context), lease -> {
            chartSources.prepare(source, helm, lease, context);
            Path valuesFile = null;
            if (args.values_ref().isPresent()) {
                HelmValuesRepo.Fetched fetched = valuesRepo.fetch(call, args.values_ref().get(), lease, context);
                ids.put("valuesRef", args.values_ref().get());
                ids.put("valuesCommit", fetched.commit());
                valuesFile = fetched.file();
            } else if (args.values().isPresent()) {
                valuesFile = lease.write("values.json", json(args.values().get()));
            }
            List<String> argv = new ArrayList<>(List.of("upgrade", "--install", args.release(), args.chart()));
            argv.addAll(targetFlags(call, args));
            args.version().ifPresent(v -> argv.addAll(List.of("--version", v)));
            argv.addAll(List.of("--wait", "--atomic", "--timeout", helmTimeout(args.timeout_seconds(), context) + "s"));
            if (valuesFile != null) {
                argv.addAll(List.of("-f", valuesFile.toString()));
            }
            argv.addAll(List.of("-o", "json"));
            return argv;
        });
        HelmRelease after = HelmRelease.fromJson(HelmCalls.parse(outcome));
        ids.put("revision", HelmCalls.latest(before) + "->" + after.revision());
        ids.put("chart", after.chart() + "-" + after.chartVersion());
        ids.put("chartVersion", after.chartVersion());
        ids.putAll(source.evidence());
        return HelmCalls.summarized(outcome, after.summary(), ids);
    }

    /** The helm {@code --timeout}: the argument (default 300 s), leaving 15 s of the deadline for Helm to report. */
    static long helmTimeout(Optional<Integer> timeoutSeconds, ToolContext context) {
        long wanted = timeoutSeconds.orElse(300);
        long left = Duration.between(Instant.now(), context.deadline()).toSeconds() - 15;
        return Math.max(1, Math.min(wanted, left));
    }

    private static byte[] json(ObjectNode values) {
        try {
            return HelmArgs.JSON.writeValueAsString(values).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw ToolArgs.invalid("values cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
