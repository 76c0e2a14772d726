package io.carapulse.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises every tool family keeps, as a JUnit 5 suite that <em>runs</em> the family's actions
 * against a recording fake of its CLI ({@link FakeBinary}). It extends the declaration checks of
 * {@link ToolAdapterContract}; a family's test extends this and supplies the adapter over a fake CLI,
 * the environment, targets outside its inventory, the secrets its lease carries and how its exit codes
 * read. A family that breaks a promise fails here:
 * <ul>
 *   <li>S5: every string argument refuses option-like values ({@code -x}, {@code --flag=…}), NUL and
 *       line breaks at plan time (schema pattern matched by the whole value, or the action's own
 *       {@code argumentProblems}), unless the family declares it free text;</li>
 *   <li>S6: a target outside the inventory is refused at plan time ({@code targetProblems}) and again at
 *       execute time, before the CLI runs;</li>
 *   <li>S9: a failed exit becomes the family's {@link ToolFailure} with evidence (the command and exit
 *       code);</li>
 *   <li>cancellation stops a running call with {@code cancelled};</li>
 *   <li>S4: the lease's secrets never appear in argv, results, evidence, errors or events, even when
 *       the CLI prints them;</li>
 *   <li>S10: a reversible write captures an inverse that is itself a valid call of the family, and an
 *       action that is not reversible captures none.</li>
 * </ul>
 */
public abstract class ToolFamilyContract extends ToolAdapterContract {

    /** Values no string argument may take unless it is free text. */
    private static final List<String> INJECTIONS = List.of("-x", "--all", "--kubeconfig=/tmp/k", "-oyaml", "a\u0000b",
            "a\nb", "web\n", "web\r", "web\r\n", "web\u2028");

    /** A place for the fake CLI. */
    @TempDir
    protected Path contractDirectory;

    /** The family's executable name, e.g. {@code kubectl}, {@code aws}. */
    protected abstract String binaryName();

    /**
     * The adapter over {@link #environment()}, finding its CLI in {@code binDirectory} (and using it:
     * the CLI transport) — the fake this suite built there.
     */
    protected abstract ToolAdapter adapterWithCli(Path binDirectory);

    /** The environment every sample in {@link #validArguments()} is valid in. */
    protected abstract String environment();

    /**
     * Per action: arguments that are valid except that a target lies outside the environment's inventory
     * (a namespace, an application, an account …). Every action must be here unless listed in
     * {@link #actionsWithoutTargets()}.
     */
    protected abstract Map<String, ObjectNode> outsideInventory();

    /** Actions that name no target at all (they act on the environment's one target). */
    protected Set<String> actionsWithoutTargets() {
        return Set.of();
    }

    /** The secrets the environment's lease hands the CLI; none may surface anywhere. */
    protected abstract Set<String> leaseSecrets();

    /** Makes the fake CLI leak its lease the way a careless command would (print a leased file or variable). */
    protected abstract FakeBinary.Builder leakLease(FakeBinary.Builder cli);

    /** How failed exits read in this family: at least a not-found, a permission error and a generic failure. */
    protected abstract List<ExitSample> exitSamples();

    /** A READ action whose CLI failure reaches the caller directly, for the exit and cancellation checks. */
    protected abstract String probeAction();

    /** What the fake CLI prints when a reversible action reads the state it would undo to, per action. */
    protected Map<String, String> currentState() {
        return Map.of();
    }

    /** {@code action.argument} names of string arguments that are free text by design (travel as one {@code --flag=value}). */
    protected Set<String> freeTextArguments() {
        return Set.of();
    }

    /**
     * A failed exit and the failure it must read as.
     *
     * @param exitCode the CLI's exit code
     * @param stderr   what it printed on standard error
     * @param expected the family's reading
     */
    public record ExitSample(int exitCode, String stderr, ToolFailure expected) {
    }

    @Test
    public void everyStringArgumentShouldRefuseOptionLikeValuesLineBreaksAndNul() {
        List<String> accepted = new ArrayList<>();
        for (ToolAction action : adapter().actions()) {
            String name = action.descriptor().name();
            ObjectNode sample = validArguments().get(name);
            if (sample == null) {
                continue;
            }
            JsonNode properties = action.descriptor().argumentSchema().path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (!"string".equals(p.getValue().path("type").asText()) || p.getValue().has("enum")
                        || freeTextArguments().contains(name + "." + p.getKey())) {
                    continue;
                }
                for (String value : INJECTIONS) {
                    ObjectNode args = sample.deepCopy().put(p.getKey(), value);
                    if (!refusedAtPlanTime(action, p.getKey(), p.getValue(), args)) {
                        accepted.add(adapter().name() + "." + name + " " + p.getKey() + "=" + visible(value));
                    }
                }
            }
        }
        assertThat(accepted).as("string arguments that accept an option-like value, a line break or NUL").isEmpty();
    }

    @Test
    public void everyActionWithATargetShouldBeCoveredByOutsideInventory() {
        List<String> missing = adapter().actions().stream().map(a -> a.descriptor().name())
                .filter(n -> !outsideInventory().containsKey(n) && !actionsWithoutTargets().contains(n))
                .toList();
        assertThat(missing).as("actions with no sample outside the inventory in outsideInventory()").isEmpty();
    }

    @Test
    public void aTargetOutsideTheInventoryShouldBeRefusedAtPlanTime() {
        List<String> allowed = new ArrayList<>();
        outsideInventory().forEach((name, args) -> {
            ToolAction action = action(adapter(), name);
            if (!ArgumentSchemas.errors(action.descriptor().argumentSchema(), args).isEmpty()
                    || !action.argumentProblems(call(name, args)).isEmpty()) {
                allowed.add(name + ": the sample is not otherwise valid: " + args);
            } else if (action.targetProblems(call(name, args)).isEmpty()) {
                allowed.add(name + " " + args);
            }
        });
        assertThat(allowed).as("plans naming a target outside the inventory that would be stored").isEmpty();
    }

    @Test
    public void aTargetOutsideTheInventoryShouldBeRefusedAtExecuteTimeBeforeTheCliRuns() {
        FakeBinary cli = FakeBinary.builder(contractDirectory, binaryName()).stdout("{}").build();
        ToolAdapter adapter = adapterWithCli(cli.directory());
        List<String> ran = new ArrayList<>();
        outsideInventory().forEach((name, args) -> {
            ToolAction action = action(adapter, name);
            Optional<Throwable> failure = failureOf(() -> action.execute(call(name, args),
                    RecordingToolContext.withTimeout(Duration.ofSeconds(20))));
            if (failure.isEmpty() || !(failure.get() instanceof ToolException te)
                    || te.failure() != ToolFailure.TARGET_NOT_ALLOWED) {
                ran.add(name + " answered " + failure.map(Throwable::toString).orElse("success"));
            }
            if (action.descriptor().reversible()) {
                Optional<Throwable> inverse = failureOf(() -> action.captureInverse(call(name, args),
                        RecordingToolContext.withTimeout(Duration.ofSeconds(20))));
                if (inverse.isEmpty() || !(inverse.get() instanceof ToolException)) {
                    ran.add(name + " captured an inverse outside the inventory");
                }
            }
        });
        assertThat(ran).as("executions outside the inventory").isEmpty();
        assertThat(cli.recorded()).as("CLI runs for targets outside the inventory").isEmpty();
    }

    @Test
    public void failedExitsShouldReadAsTheFamilysFailuresWithEvidence() {
        List<String> wrong = new ArrayList<>();
        int i = 0;
        for (ExitSample sample : exitSamples()) {
            Path dir = contractDirectory.resolve("exit-" + i++);
            FakeBinary cli = FakeBinary.builder(dir, binaryName()).stderr(sample.stderr()).exitCode(sample.exitCode())
                    .build();
            ToolAdapter adapter = adapterWithCli(cli.directory());
            Optional<Throwable> failure = failureOf(() -> action(adapter, probeAction()).execute(
                    call(probeAction(), validArguments().get(probeAction())),
                    RecordingToolContext.withTimeout(Duration.ofSeconds(20))));
            ToolFailure read = failure.map(ToolFamilyContract::failureOf).orElse(null);
            Optional<ToolResult> evidence = failure.flatMap(ToolFamilyContract::partialOf);
            if (read != sample.expected()) {
                wrong.add("exit " + sample.exitCode() + " " + visible(sample.stderr()) + " read as " + read
                        + " (expected " + sample.expected() + ")");
            } else if (evidence.isEmpty() || evidence.get().command().isEmpty()
                    || !evidence.get().command().get(0).endsWith(binaryName())
                    || !Integer.valueOf(sample.exitCode()).equals(evidence.get().exitCode())) {
                wrong.add("exit " + sample.exitCode() + " left no evidence of the command and exit code: " + evidence);
            }
        }
        assertThat(exitSamples()).as("exit samples").isNotEmpty();
        assertThat(wrong).isEmpty();
    }

    @Test
    public void cancellingARunningCallShouldStopItAsCancelled() throws Exception {
        FakeBinary cli = FakeBinary.builder(contractDirectory, binaryName()).sleep(Duration.ofSeconds(120)).build();
        ToolAdapter adapter = adapterWithCli(cli.directory());
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(300));
        CompletableFuture<Optional<Throwable>> run = CompletableFuture.supplyAsync(() -> failureOf(() ->
                action(adapter, probeAction()).execute(call(probeAction(), validArguments().get(probeAction())), context)));
        for (int i = 0; i < 600 && cli.recorded().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(cli.recorded()).as("the CLI was started").isNotEmpty();
        context.cancel();

        Optional<Throwable> failure = run.get(60, TimeUnit.SECONDS);
        assertThat(failure).as("a cancelled call does not succeed").isPresent();
        assertThat(failureOf(failure.get())).isEqualTo(ToolFailure.CANCELLED);
    }

    @Test
    public void leaseSecretsShouldNeverReachArgvResultsEvidenceErrorsOrEvents() {
        assertThat(leaseSecrets()).as("lease secrets to look for").isNotEmpty().allMatch(s -> s.length() >= 8);
        FakeBinary cli = leakLease(FakeBinary.builder(contractDirectory, binaryName()).stdout("{}\n")).build();
        ToolAdapter adapter = adapterWithCli(cli.directory());
        List<String> seen = new ArrayList<>();
        for (ToolAction action : adapter.actions()) {
            String name = action.descriptor().name();
            RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(20));
            StringBuilder surfaced = new StringBuilder();
            try {
                ToolResult result = action.execute(call(name, validArguments().get(name)), context);
                surfaced.append(render(result));
            } catch (RuntimeException e) {
                surfaced.append(e.getMessage()).append('\n');
                partialOf(e).ifPresent(p -> surfaced.append(render(p)));
            }
            surfaced.append(String.join("\n", context.lines()));
            for (String secret : leaseSecrets()) {
                if (surfaced.indexOf(secret) >= 0) {
                    seen.add(name + " surfaced a lease secret");
                }
            }
        }
        for (FakeBinary.Invocation invocation : cli.recorded()) {
            for (String secret : leaseSecrets()) {
                if (String.join(" ", invocation.argv()).contains(secret)) {
                    seen.add("argv carries a lease secret: " + invocation.args().get(0));
                }
            }
        }
        assertThat(cli.recorded()).as("the CLI ran").isNotEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    public void reversibleWritesShouldCaptureAValidInverseAndOthersNone() {
        List<String> wrong = new ArrayList<>();
        for (ToolAction action : adapter().actions()) {
            String name = action.descriptor().name();
            Path dir = contractDirectory.resolve("inverse-" + name);
            FakeBinary cli = FakeBinary.builder(dir, binaryName()).stdout(currentState().getOrDefault(name, "{}")).build();
            ToolAdapter adapter = adapterWithCli(cli.directory());
            ToolCall call = call(name, validArguments().get(name));
            Optional<ToolCall> inverse;
            try {
                inverse = action(adapter, name).captureInverse(call, RecordingToolContext.withTimeout(Duration.ofSeconds(20)));
            } catch (RuntimeException e) {
                wrong.add(name + " could not capture its inverse: " + e.getMessage());
                continue;
            }
            if (!action.descriptor().reversible()) {
                if (inverse.isPresent()) {
                    wrong.add(name + " is not reversible but captured " + inverse.get());
                }
                continue;
            }
            if (inverse.isEmpty()) {
                wrong.add(name + " is reversible but captured no inverse");
                continue;
            }
            ToolCall undo = inverse.get();
            Optional<ToolAction> undoAction = adapter.action(undo.action());
            if (!undo.tool().equals(adapter.name()) || undoAction.isEmpty()
                    || !undo.environment().equals(call.environment())) {
                wrong.add(name + " captured an inverse outside its family or environment: " + undo);
                continue;
            }
            List<String> problems = new ArrayList<>(ArgumentSchemas.errors(undoAction.get().descriptor().argumentSchema(),
                    undo.args()));
            problems.addAll(undoAction.get().argumentProblems(undo));
            problems.addAll(undoAction.get().targetProblems(undo));
            if (!problems.isEmpty()) {
                wrong.add(name + " captured an inverse that would be refused: " + problems);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private boolean refusedAtPlanTime(ToolAction action, String argument, JsonNode property, ObjectNode args) {
        if (!ArgumentSchemas.errors(action.descriptor().argumentSchema(), args).isEmpty()) {
            return true;
        }
        String pattern = property.path("pattern").asText("");
        if (!pattern.isEmpty() && !Pattern.compile(pattern).matcher(args.get(argument).textValue()).matches()) {
            return true; // the server matches every pattern against the whole value
        }
        return !action.argumentProblems(call(action.descriptor().name(), args)).isEmpty();
    }

    private ToolCall call(String action, ObjectNode args) {
        return new ToolCall(adapter().name(), action, args, environment());
    }

    private static ToolAction action(ToolAdapter adapter, String name) {
        return adapter.action(name).orElseThrow(() -> new AssertionError(adapter.name() + " has no action " + name));
    }

    private static Optional<Throwable> failureOf(Runnable work) {
        try {
            work.run();
            return Optional.empty();
        } catch (RuntimeException | AssertionError e) {
            return Optional.of(e);
        }
    }

    private static ToolFailure failureOf(Throwable t) {
        if (t instanceof ToolException te) {
            return te.failure();
        }
        if (t instanceof RetriableToolException rte) {
            return rte.failure();
        }
        return null;
    }

    private static Optional<ToolResult> partialOf(Throwable t) {
        if (t instanceof ToolException te) {
            return te.partial();
        }
        if (t instanceof RetriableToolException rte) {
            return rte.partial();
        }
        return Optional.empty();
    }

    private static String render(ToolResult r) {
        return String.join(" ", r.command()) + "\n" + r.output() + "\n" + r.data() + "\n" + r.externalIds() + "\n";
    }

    private static String visible(String v) {
        return v.replace("\n", "\\n").replace("\r", "\\r").replace("\u0000", "\\0").replace("\u2028", "\\u2028");
    }
}
