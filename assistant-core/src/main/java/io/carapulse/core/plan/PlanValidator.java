package io.carapulse.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.common.Json;
import io.carapulse.core.tool.ArgumentValidator;
import io.carapulse.core.tool.ToolRegistry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns untrusted steps (from a person, the LLM or a runbook) into {@link ValidatedStep}s: the
 * environment exists, every tool and action exists, arguments match the schema, classes come from
 * the adapters (S1). Nothing is stored before this passes.
 */
@Singleton
public class PlanValidator {

    public static final int MAX_STEPS = 50;
    public static final int MAX_SUMMARY = 500;
    static final Set<String> OPS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "exists");

    private final EnvironmentCatalog environments;
    private final ToolRegistry tools;
    private final ArgumentValidator arguments;

    public PlanValidator(EnvironmentCatalog environments, ToolRegistry tools, ArgumentValidator arguments) {
        this.environments = environments;
        this.tools = tools;
        this.arguments = arguments;
    }

    public Environment environment(String name) {
        return environments.find(name).orElseThrow(() -> new ProblemException(ProblemCode.ENVIRONMENT_NOT_ALLOWED,
                name == null || name.isBlank() ? "environment is required"
                        : "environment '" + name + "' is not configured (configured: " + String.join(", ",
                        environments.all().stream().map(Environment::name).toList()) + ")"));
    }

    public String summary(String summary) {
        if (summary == null || summary.isBlank()) {
            throw invalid("summary is required", List.of());
        }
        if (summary.length() > MAX_SUMMARY) {
            throw invalid("summary is longer than " + MAX_SUMMARY + " characters", List.of());
        }
        return summary.strip();
    }

    public ValidatedPlan validate(String environment, String summary, List<StepSpec> specs) {
        Environment env = environment(environment);
        String cleanSummary = summary(summary);
        List<ValidatedStep> steps = steps(env.name(), specs);
        return new ValidatedPlan(env.name(), cleanSummary, steps, Fingerprint.of(env.name(), steps));
    }

    public List<ValidatedStep> steps(String environment, List<StepSpec> specs) {
        if (specs == null || specs.isEmpty()) {
            throw invalid("a plan needs at least one step", List.of());
        }
        if (specs.size() > MAX_STEPS) {
            throw invalid("a plan has at most " + MAX_STEPS + " steps", List.of());
        }
        SecretArguments.refuse(specs); // before any check whose message could quote a value
        List<ValidatedStep> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(step(environment, i, specs.get(i)));
        }
        return out;
    }

    private ValidatedStep step(String environment, int position, StepSpec spec) {
        String where = "steps[" + position + "]";
        if (spec == null) {
            throw invalid(where + " is null", List.of());
        }
        if (spec.tool() == null || spec.action() == null) {
            throw invalid(where + ": tool and action are required", List.of());
        }
        ToolAction action = tools.require(spec.tool(), spec.action());
        ActionDescriptor d = action.descriptor();
        ObjectNode args = spec.args() == null ? Json.object() : spec.args();
        List<String> problems = arguments.problems(d, args);
        if (!problems.isEmpty()) {
            throw invalid(where + " (" + spec.tool() + "." + spec.action() + "): arguments do not match the schema: "
                    + String.join("; ", problems), problems.stream().map(p -> Map.of("step", position, "message", p)).toList());
        }
        ToolCall call = new ToolCall(spec.tool(), spec.action(), args, environment);
        List<String> invalidArguments = action.argumentProblems(call);
        if (!invalidArguments.isEmpty()) {
            throw invalid(where + " (" + spec.tool() + "." + spec.action() + "): " + String.join("; ", invalidArguments),
                    invalidArguments.stream().map(p -> Map.of("step", position, "message", p)).toList());
        }
        List<String> targets = action.targetProblems(call);
        if (!targets.isEmpty()) {
            throw new ProblemException(ProblemCode.TARGET_NOT_ALLOWED, where + " (" + spec.tool() + "." + spec.action()
                    + "): " + String.join("; ", targets),
                    Map.of("errors", targets.stream().map(t -> Map.of("step", position, "message", t)).toList()));
        }
        Stage stage = Stage.fromWire(spec.stage()).orElseThrow(() ->
                invalid(where + ": stage must be 'act' or 'verify'", List.of()));
        if (stage == Stage.VERIFY && d.actionClass() != ActionClass.READ) {
            throw invalid(where + ": a verify step must use a READ action; " + spec.tool() + "." + spec.action()
                    + " is " + d.actionClass(), List.of());
        }
        Assertion assertion = spec.assertion();
        if (assertion != null) {
            if (stage != Stage.VERIFY) {
                throw invalid(where + ": only verify steps carry an assertion", List.of());
            }
            checkAssertion(where, assertion);
        }
        Integer timeout = spec.timeoutSeconds();
        if (timeout != null && (timeout < 1 || timeout > d.defaultTimeout().toSeconds())) {
            throw invalid(where + ": timeoutSeconds must be between 1 and " + d.defaultTimeout().toSeconds(), List.of());
        }
        java.time.Duration revertAfter = revertAfter(where, environment, spec, stage, d);
        return new ValidatedStep(position, stage, spec.tool(), spec.action(), d.actionClass(), args, assertion, timeout,
                null, revertAfter);
    }

    /**
     * A time-boxed write's {@code revertAfter}: only on an act step whose action writes and records an
     * inverse, a whole number of minutes, hours or days, at most the environment's {@code revert-after-max}.
     */
    private java.time.Duration revertAfter(String where, String environment, StepSpec spec, Stage stage,
                                           ActionDescriptor d) {
        if (spec.revertAfter() == null) {
            return null;
        }
        String qualified = spec.tool() + "." + spec.action();
        if (stage != Stage.ACT) {
            throw invalid(where + ": only act steps may carry revertAfter", List.of());
        }
        if (d.actionClass() == ActionClass.READ || !d.reversible()) {
            throw invalid(where + ": revertAfter needs a write that can be undone; " + qualified + " is "
                    + (d.actionClass() == ActionClass.READ ? "a read" : "not reversible"), List.of());
        }
        java.time.Duration after = io.carapulse.core.common.Durations.parse(spec.revertAfter()).orElseThrow(() ->
                invalid(where + ": revertAfter must be a whole number of minutes, hours or days such as 90m, 2h or 1d",
                        List.of()));
        java.time.Duration max = environments.find(environment).map(e -> e.guardRails().revertAfterMax())
                .orElse(io.carapulse.config.GuardRails.DEFAULT_REVERT_AFTER_MAX);
        if (after.compareTo(max) > 0) {
            throw invalid(where + ": revertAfter " + spec.revertAfter() + " is longer than environment '" + environment
                    + "' allows (" + io.carapulse.core.common.Durations.format(max)
                    + ", guard-rails.revert-after-max)", List.of());
        }
        return after;
    }

    private static void checkAssertion(String where, Assertion a) {
        if (a.pointer() == null || !(a.pointer().isEmpty() || a.pointer().startsWith("/"))) {
            throw invalid(where + ": assert.pointer must be a JSON pointer such as /status/readyReplicas", List.of());
        }
        if (a.op() == null || !OPS.contains(a.op())) {
            throw invalid(where + ": assert.op must be one of " + String.join(", ", OPS.stream().sorted().toList()),
                    List.of());
        }
        if (!a.op().equals("exists") && (a.value() == null || a.value().isNull())) {
            throw invalid(where + ": assert.value is required for op '" + a.op() + "'", List.of());
        }
    }

    private static ProblemException invalid(String detail, List<?> errors) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, detail,
                errors.isEmpty() ? Map.of() : Map.of("errors", errors));
    }
}
