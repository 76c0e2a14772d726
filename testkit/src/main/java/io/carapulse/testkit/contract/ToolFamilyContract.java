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
 *       execute time, before the CLI runs; a target only a read can judge (an Argo CD application's
 *       project) is refused after that read, before anything else runs;</li>
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

    /**
     * Further samples for actions with several targets (an upgrade's chart source besides its namespace):
     * each valid except that one target lies outside the inventory, checked like {@link #outsideInventory()}.
     */
    protected Map<String, List<ObjectNode>> moreOutsideInventory() {
        return Map.of();
    }

    /**
     * An environment the fixtures declare without this family's part of the inventory (no cluster, no Argo
     * CD …), if there is one: every sample of {@link #validArguments()}, called there, must be refused at
     * plan time and again at execute time before the CLI runs.
     */
    protected Optional<String> environmentWithoutInventory() {
        return Optional.empty();
    }

    /**
     * Per action whose target the inventory can judge only once the CLI has read it (an Argo CD
     * application, whose project only the application names): valid arguments, and what the read prints
     * for a target outside the inventory. The call must be refused {@code target_not_allowed} having run
     * nothing but that read, and a reversible action must capture no inverse either.
     */
    protected Map<String, TargetOnRead> outsideInventoryOnRead() {
        return Map.of();
    }

    /**
     * Further valid arguments per action, for secrets only some arguments bring into the lease (a chart
     * from a private registry rather than a repository): the secrets check runs them too.
     */
    protected Map<String, List<ObjectNode>> moreValidArguments() {
        return Map.of();
    }

    /**
     * Makes the fake CLI answer the reads an action makes before its main call as the real CLI would
     * ({@link FakeBinary.Builder#answer}: Helm's {@code history} before an upgrade, Argo CD's {@code app get}
     * before a sync), so that the secrets check reaches every call of an action, not only its first.
     */
    protected FakeBinary.Builder answerReads(FakeBinary.Builder cli) {
        return cli;
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

    /**
     * A target outside the inventory that only a read reveals.
     *
     * @param args       valid arguments naming the target
     * @param readArgs   the arguments the read begins with, e.g. {@code app get checkout}; nothing else may run
     * @param readOutput what the CLI prints for that read: the target, outside the inventory
     */
    public record TargetOnRead(ObjectNode args, List<String> readArgs, String readOutput) {
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
                .filter(n -> !outsideInventory().containsKey(n) && !outsideInventoryOnRead().containsKey(n)
                        && !actionsWithoutTargets().contains(n))
                .toList();
        assertThat(missing).as("actions with no sample outside the inventory in outsideInventory() or "
                + "outsideInventoryOnRead()").isEmpty();
    }

    @Test
    public void aTargetOutsideTheInventoryShouldBeRefusedAtPlanTime() {
        List<String> allowed = new ArrayList<>();
        for (ToolCall outside : outsideCalls()) {
            ToolAction action = action(adapter(), outside.action());
            if (!ArgumentSchemas.errors(action.descriptor().argumentSchema(), outside.args()).isEmpty()
                    || !action.argumentProblems(outside).isEmpty()) {
                allowed.add(outside.action() + ": the sample is not otherwise valid: " + outside.args());
            } else if (action.targetProblems(outside).isEmpty()) {
                allowed.add(outside.action() + " " + outside.args() + " in " + outside.environment());
            }
        }
        assertThat(allowed).as("plans naming a target outside the inventory that would be stored").isEmpty();
    }

    @Test
    public void aTargetOutsideTheInventoryShouldBeRefusedAtExecuteTimeBeforeTheCliRuns() {
        FakeBinary cli = FakeBinary.builder(contractDirectory, binaryName()).stdout("{}").build();
        ToolAdapter adapter = adapterWithCli(cli.directory());
        List<String> ran = new ArrayList<>();
        for (ToolCall outside : outsideCalls()) {
            String name = outside.action();
            ToolAction action = action(adapter, name);
            Optional<Throwable> failure = failureOf(() -> action.execute(outside,
                    RecordingToolContext.withTimeout(Duration.ofSeconds(20))));
            if (!refusedAsOutside(failure)) {
                ran.add(name + " " + outside.args() + " in " + outside.environment() + " answered "
                        + failure.map(Throwable::toString).orElse("success"));
            }
            if (action.descriptor().reversible()) {
                Optional<Throwable> inverse = failureOf(() -> action.captureInverse(outside,
                        RecordingToolContext.withTimeout(Duration.ofSeconds(20))));
                if (inverse.isEmpty() || !(inverse.get() instanceof ToolException)) {
                    ran.add(name + " captured an inverse outside the inventory");
                }
            }
        }
        assertThat(ran).as("executions outside the inventory").isEmpty();
        assertThat(cli.recorded()).as("CLI runs for targets outside the inventory").isEmpty();
    }

    @Test
    public void aTargetOutsideTheInventoryFoundByAReadShouldBeRefusedBeforeAnythingElseRuns() {
        List<String> wrong = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, TargetOnRead> e : outsideInventoryOnRead().entrySet()) {
            String name = e.getKey();
            TargetOnRead target = e.getValue();
            ToolCall call = call(name, target.args());
            ToolAction declared = action(adapter(), name);
            if (target.readArgs().isEmpty() || !ArgumentSchemas.errors(declared.descriptor().argumentSchema(),
                    target.args()).isEmpty() || !declared.argumentProblems(call).isEmpty()
                    || !declared.targetProblems(call).isEmpty()) {
                wrong.add(name + ": the sample is not valid at plan time, or names no read: " + target);
                continue;
            }
            FakeBinary cli = FakeBinary.builder(contractDirectory.resolve("on-read-" + i++), binaryName())
                    .answer(target.readArgs(), target.readOutput()).stdout("{}\n").build();
            ToolAction action = action(adapterWithCli(cli.directory()), name);
            Optional<Throwable> failure = failureOf(() -> action.execute(call,
                    RecordingToolContext.withTimeout(Duration.ofSeconds(20))));
            if (!refusedAsOutside(failure)) {
                wrong.add(name + " answered " + failure.map(Throwable::toString).orElse("success"));
            }
            if (action.descriptor().reversible()) {
                Optional<Throwable> inverse = failureOf(() -> action.captureInverse(call,
                        RecordingToolContext.withTimeout(Duration.ofSeconds(20))));
                if (!refusedAsOutside(inverse)) {
                    wrong.add(name + " captured an inverse: " + inverse.map(Throwable::toString).orElse("success"));
                }
            }
            for (FakeBinary.Invocation invocation : cli.recorded()) {
                List<String> args = invocation.args();
                if (args.size() < target.readArgs().size()
                        || !args.subList(0, target.readArgs().size()).equals(target.readArgs())) {
                    wrong.add(name + " ran " + args + " for a target outside the inventory");
                }
            }
        }
        assertThat(wrong).isEmpty();
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
        FakeBinary cli = leakLease(answerReads(FakeBinary.builder(contractDirectory, binaryName()).stdout("{}\n")))
                .build();
        ToolAdapter adapter = adapterWithCli(cli.directory());
        List<String> seen = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (ToolAction action : adapter.actions()) {
            String name = action.descriptor().name();
            calls.add(call(name, validArguments().get(name)));
            moreValidArguments().getOrDefault(name, List.of()).forEach(args -> calls.add(call(name, args)));
        }
        for (ToolCall call : calls) {
            String name = call.action();
            ToolAction action = action(adapter, name);
            RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(20));
            StringBuilder surfaced = new StringBuilder();
            try {
                ToolResult result = action.execute(call, context);
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
        assertThat(leaseSecrets()).as("lease secrets the fake CLI printed (else this check proves nothing)")
                .anyMatch(cli.printedLeases()::contains);
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

    /** Every sample naming a target outside the inventory, as a call. */
    private List<ToolCall> outsideCalls() {
        List<ToolCall> calls = new ArrayList<>();
        outsideInventory().forEach((name, args) -> calls.add(call(name, args)));
        moreOutsideInventory().forEach((name, samples) -> samples.forEach(args -> calls.add(call(name, args))));
        environmentWithoutInventory().ifPresent(env -> validArguments().forEach((name, args) ->
                calls.add(new ToolCall(adapter().name(), name, args, env))));
        return calls;
    }

    private static boolean refusedAsOutside(Optional<Throwable> failure) {
        return failure.isPresent() && failure.get() instanceof ToolException te
                && te.failure() == ToolFailure.TARGET_NOT_ALLOWED;
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
