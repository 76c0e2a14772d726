package io.carapulse.core.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.llm.LlmFunction;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Json;
import io.carapulse.core.evidence.EvidenceEntity;
import io.carapulse.core.evidence.EvidenceRepository;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.tool.ToolRegistry;
import io.carapulse.llm.agent.AgentFunction;
import io.carapulse.llm.agent.FunctionResult;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The functions a session's model may call: every READ action of the tool catalog, which runs at
 * once as a one-step plan through the normal runtime (validation, policy, audit, evidence), and
 * {@code propose_plan}, which creates a plan that waits for approval if it writes. There is no
 * function that executes a write.
 */
@Singleton
class ChatTools {

    static final String PROPOSE_PLAN = "propose_plan";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatTools.class);

    private final ToolRegistry registry;
    private final PlanService plans;
    private final ExecutionService executions;
    private final EvidenceRepository evidence;
    private final TransactionOperations<Connection> tx;

    ChatTools(ToolRegistry registry, PlanService plans, ExecutionService executions, EvidenceRepository evidence,
              TransactionOperations<Connection> tx) {
        this.registry = registry;
        this.plans = plans;
        this.executions = executions;
        this.evidence = evidence;
        this.tx = tx;
    }

    /** The function name the model sees for a tool action: {@code kubectl_get}, {@code argocd_app-get}. */
    static String functionName(String tool, String action) {
        return tool + "_" + action;
    }

    /**
     * The functions of one turn.
     *
     * @param proposed receives the id of every plan {@code propose_plan} creates
     */
    List<AgentFunction> functions(Actor actor, ChatSession session, Consumer<String> proposed) {
        List<AgentFunction> out = new ArrayList<>();
        for (ToolAdapter adapter : registry.all()) {
            for (ToolAction action : adapter.actions()) {
                if (action.descriptor().actionClass() != ActionClass.READ) {
                    continue;
                }
                String tool = adapter.name();
                String name = action.descriptor().name();
                LlmFunction spec = new LlmFunction(functionName(tool, name),
                        "[read, runs at once in " + session.environment() + "] " + action.descriptor().description(),
                        action.descriptor().argumentSchema().deepCopy());
                out.add(new AgentFunction(spec,
                        guarded(spec.name(), (args, deadline) -> read(actor, session, tool, name, args, deadline))));
            }
        }
        out.add(new AgentFunction(proposePlanSpec(),
                guarded(PROPOSE_PLAN, (args, deadline) -> propose(actor, session, args, proposed))));
        return out;
    }

    /**
     * Lets refusals (validation, policy: {@link io.carapulse.api.error.CarapulseException}) through
     * for the loop to report to the model, and turns anything else into a failed call that is logged,
     * so a defect ends one call rather than the turn.
     */
    private static AgentFunction.Handler guarded(String function, AgentFunction.Handler handler) {
        return (args, deadline) -> {
            try {
                return handler.handle(args, deadline);
            } catch (io.carapulse.api.error.CarapulseException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                return FunctionResult.failed("invalid arguments", "Invalid arguments: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("chat function {} failed unexpectedly", function, e);
                return FunctionResult.failed("internal error", function + " failed because of an internal error; "
                        + "it was logged. Tell the user.");
            }
        };
    }

    private FunctionResult read(Actor actor, ChatSession session, String tool, String action, ObjectNode args,
                                Instant deadline) {
        String qualified = tool + "." + action;
        StepSpec step = new StepSpec(tool, action, args, "act", null, null);
        PlanEntity plan = plans.create(actor, new PlanCreateRequest(session.environment(),
                "chat " + session.id() + ": " + qualified, List.of(step)));
        ExecutionEntity started = executions.start(actor, plan.id());
        ExecutionEntity ended = await(actor, started.id(), deadline);
        ObjectNode details = Json.object();
        details.put("planId", plan.id());
        details.put("executionId", ended.id());
        details.put("action", qualified);
        details.put("writes", plan.requiresApproval());
        details.put("status", ended.status().name());
        List<EvidenceEntity> records = tx.executeRead(s -> evidence.findByExecutionIdOrderByStartedAt(ended.id()));
        ArrayNode ids = details.putArray("evidence");
        StringBuilder output = new StringBuilder();
        for (EvidenceEntity e : records) {
            ids.add(e.id());
            output.append(e.excerpt());
            if (e.excerptTruncated()) {
                output.append("\n[output cut at the runtime's excerpt limit; ").append(e.outputBytes())
                        .append(" bytes in total]");
            }
        }
        boolean ok = ended.status().name().equals("SUCCEEDED");
        if (!ok) {
            output.append(output.isEmpty() ? "" : "\n").append(qualified).append(" ended ")
                    .append(ended.status().name());
            if (ended.errorCode() != null) {
                output.append(" (").append(ended.errorCode()).append("): ").append(ended.errorDetail());
            }
        }
        return new FunctionResult(ok, qualified + " → " + ended.status().name() + " (" + ended.id() + ")",
                output.toString(), details);
    }

    /** Waits for the execution to end; past the turn's deadline it is cancelled. */
    private ExecutionEntity await(Actor actor, String executionId, Instant deadline) {
        try {
            ExecutionEntity e = executions.awaitSettled(executionId, Duration.between(Instant.now(), deadline));
            if (e.status().terminal()) {
                return e;
            }
            executions.cancel(actor, executionId);
            return executions.awaitSettled(executionId, Duration.ofSeconds(10));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return executions.require(executionId);
        }
    }

    private FunctionResult propose(Actor actor, ChatSession session, ObjectNode args, Consumer<String> proposed) {
        ProposedPlan proposal = ProposedPlan.bind(args);
        PlanEntity plan = plans.create(actor, new PlanCreateRequest(session.environment(), proposal.summary(),
                proposal.steps()));
        proposed.accept(plan.id());
        ObjectNode details = Json.object();
        details.put("planId", plan.id());
        details.put("status", plan.status().name());
        details.put("requiresApproval", plan.requiresApproval());
        details.put("breakGlass", plan.breakGlass());
        details.put("fingerprint", plan.fingerprint());
        String needs = plan.requiresApproval()
                ? "It writes, so it waits for approval: a person with an approver role in '" + plan.environment()
                        + "' who is not the requester must approve it"
                        + (plan.breakGlass() ? " (break-glass: an admin, with a written reason)" : "")
                        + ", and then someone executes it. Nothing has run."
                : "It only reads; it runs when a person executes it. Nothing has run.";
        return new FunctionResult(true, "plan " + plan.id() + " " + plan.status().name(),
                "Plan " + plan.id() + " created with status " + plan.status().name() + ". " + needs
                        + " Tell the user the plan id and what approval it needs.", details);
    }

    private static LlmFunction proposePlanSpec() {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode props = schema.putObject("properties");
        props.putObject("summary").put("type", "string").put("maxLength", 500)
                .put("description", "what the plan does and why, in one or two sentences");
        ObjectNode steps = props.putObject("steps");
        steps.put("type", "array").put("minItems", 1).put("maxItems", 50);
        ObjectNode step = steps.putObject("items");
        step.put("type", "object");
        step.put("additionalProperties", false);
        ObjectNode sp = step.putObject("properties");
        sp.putObject("tool").put("type", "string").put("description", "tool name, e.g. kubectl");
        sp.putObject("action").put("type", "string").put("description", "action name, e.g. scale");
        sp.putObject("args").put("type", "object").put("description", "arguments for the action's schema");
        sp.putObject("stage").put("type", "string").put("description", "act (default) or verify");
        sp.putObject("assert").put("type", "object")
                .put("description", "for verify steps: the condition the result must meet");
        sp.putObject("timeoutSeconds").put("type", "integer").put("minimum", 1);
        sp.putObject("revertAfter").put("type", "string").put("pattern", "^[1-9][0-9]{0,5}[mhd]$")
                .put("description", "for a reversible write the person asked to be temporary: undo it this long after "
                        + "the execution succeeds, e.g. 2h; the approver approves the expiry");
        step.putArray("required").add("tool").add("action").add("args");
        schema.putArray("required").add("summary").add("steps");
        return new LlmFunction(PROPOSE_PLAN, "Propose a plan of steps (reads, writes, verifies) for a person to "
                + "review. It is stored and, if it writes, waits for approval by someone else; you cannot execute "
                + "it. Use it for every change.", schema);
    }
}
