package io.carapulse.core.console;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.api.Views;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionQueries;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.runbook.StandingApprovals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The console's pages: home (what waits for me, what runs, recent plans), a plan with its approval
 * form, an execution with its evidence. Every page checks the same roles as the API, through the
 * same services; a decision posted from a plan page carries the fingerprint the page showed, so a plan
 * changed since is refused, and the session's CSRF token.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class ConsoleController {

    private static final int RECENT = 20;
    private static final Set<String> DONE = Set.of("approved", "rejected");

    private final ConsolePages pages;
    private final PlanService plans;
    private final PlanQueries planQueries;
    private final ApprovalService approvals;
    private final ExecutionService executions;
    private final ExecutionQueries executionQueries;
    private final PolicyService policy;
    private final Views views;
    private final StandingApprovals standing;

    ConsoleController(ConsolePages pages, PlanService plans, PlanQueries planQueries,
                      ApprovalService approvals, ExecutionService executions, ExecutionQueries executionQueries,
                      PolicyService policy, Views views, StandingApprovals standing) {
        this.standing = standing;
        this.pages = pages;
        this.plans = plans;
        this.planQueries = planQueries;
        this.approvals = approvals;
        this.executions = executions;
        this.executionQueries = executionQueries;
        this.policy = policy;
        this.views = views;
    }

    @Get("/")
    MutableHttpResponse<?> home(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            Actor actor = session.actor();
            policy.requireReader(actor, "console.home", "console", null);
            approvals.expireAllDue();
            List<Map<String, Object>> waiting = approvals.pending().stream()
                    .filter(a -> pages.holds(actor, a.environment(), Environment.Policy::approveRoles))
                    .map(a -> pages.map(views.planSummary(plans.require(a.planId()))))
                    .toList();
            Map<String, Object> model = ConsolePages.base(session);
            model.put("waiting", waiting);
            model.put("running", executionQueries.list(ExecutionStatus.RUNNING, null, null, null, RECENT).items()
                    .stream().map(e -> pages.map(views.executionSummary(e))).toList());
            model.put("held", executionQueries.list(ExecutionStatus.HELD, null, null, null, RECENT).items()
                    .stream().map(e -> pages.map(views.executionSummary(e))).toList());
            model.put("failed", failedSince(Instant.now().minus(Duration.ofHours(24))));
            model.put("plans", planQueries.list(null, null, null, null, RECENT).items()
                    .stream().map(p -> pages.map(views.planSummary(p))).toList());
            return pages.render(HttpStatus.OK, "console/home", model);
        });
    }

    /** Executions that ended FAILED or ROLLED_BACK since {@code since}, newest first: what went wrong lately. */
    private List<Map<String, Object>> failedSince(Instant since) {
        return Stream.of(ExecutionStatus.FAILED, ExecutionStatus.ROLLED_BACK)
                .flatMap(status -> executionQueries.list(status, null, null, null, RECENT).items().stream())
                .filter(e -> e.endedAt() != null && e.endedAt().isAfter(since))
                .sorted(Comparator.comparing(ExecutionEntity::endedAt).reversed())
                .limit(RECENT)
                .map(e -> pages.map(views.executionSummary(e)))
                .toList();
    }

    @Get("/plans/{id}")
    MutableHttpResponse<?> plan(@PathVariable String id, @Nullable @QueryValue String done, HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "plan.read", "plan", id);
            approvals.expireDue(id);
            return planPage(session, id, HttpStatus.OK, done != null && DONE.contains(done) ? done : null, null);
        });
    }

    @Post(value = "/plans/{id}/decision", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> decide(@PathVariable String id, @Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            String decision = form.get("decision");
            try {
                approvals.decide(session.actor(), id, new ApprovalDecisionRequest(decision, blankToNull(form.get("note")),
                        blankToNull(form.get("reason")), form.get("fingerprint")));
            } catch (ProblemException e) {
                if (e.problem() == ProblemCode.NOT_FOUND) {
                    throw e;
                }
                String message = e.problem() == ProblemCode.FINGERPRINT_MISMATCH
                        ? "The plan changed after you opened this page, so your decision was not recorded."
                        + " Review the plan as it is now and decide again."
                        : e.getMessage();
                return planPage(session, id, HttpStatus.valueOf(e.problem().status()), null,
                        Map.of("code", e.problem().code(), "message", message));
            }
            return ConsoleRequests.seeOther("/plans/" + id + "?done=" + ("reject".equals(decision) ? "rejected" : "approved"));
        });
    }

    @Post(value = "/plans/{id}/execute", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> execute(@PathVariable String id, @Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            try {
                return ConsoleRequests.seeOther("/executions/" + executions.start(session.actor(), id).id());
            } catch (ProblemException e) {
                if (e.problem() == ProblemCode.NOT_FOUND) {
                    throw e;
                }
                return planPage(session, id, HttpStatus.valueOf(e.problem().status()), null,
                        Map.of("code", e.problem().code(), "message", e.getMessage()));
            }
        });
    }

    /** A diff's lines with the class that colours them (the template shows each as escaped text). */
    static List<Map<String, String>> diffLines(String diff) {
        return diff.lines().map(l -> Map.of("cls", l.startsWith("+++") || l.startsWith("---") || l.startsWith("diff ")
                ? "file" : l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : l.startsWith("@@") ? "hunk" : "ctx",
                "text", l)).toList();
    }

    private MutableHttpResponse<?> planPage(ConsoleSessions.Session session, String id, HttpStatus status, String done,
                                            Map<String, String> refusal) {
        PlanView plan = views.plan(plans.require(id));
        Map<String, Object> model = ConsolePages.base(session);
        Map<String, Object> shown = pages.map(plan);
        // arguments as the JSON they were written in (the template shows text, escaped)
        List<Map<String, Object>> steps = plan.steps().stream().map(step -> {
            Map<String, Object> m = pages.map(step);
            m.put("argsJson", pages.jsonText(step.args()));
            if (step.preview() != null) {
                m.put("diffLines", diffLines(step.preview().diff()));
            }
            return m;
        }).toList();
        shown.put("steps", steps);
        model.put("plan", shown);
        if (plan.origin() != null) {
            // each parameter's value as the JSON it is (a string quoted, a number bare), shown escaped
            List<Map<String, String>> params = new java.util.ArrayList<>();
            plan.origin().params().fields().forEachRemaining(f -> params.add(Map.of("name", f.getKey(),
                    "value", f.getValue().toString())));
            model.put("originParams", params);
        }
        model.put("standing", standingGrant(plan));
        model.put("canDecide", PlanStatus.AWAITING_APPROVAL.name().equals(plan.status())
                && pages.holds(session.actor(), plan.environment(), Environment.Policy::approveRoles));
        model.put("canExecute", (PlanStatus.APPROVED.name().equals(plan.status()) || PlanStatus.READY.name().equals(plan.status()))
                && plan.executionId() == null && pages.holds(session.actor(), plan.environment(), Environment.Policy::executeRoles));
        model.put("done", done);
        model.put("refusal", refusal);
        return pages.render(status, "console/plan", model);
    }

    /** The standing approval that approved the plan, when one did: its id and grantor (the approval's decider). */
    private Map<String, String> standingGrant(PlanView plan) {
        if (plan.approval() == null || !"standing".equals(plan.approval().decidedVia())) {
            return null;
        }
        String grantor = plan.approval().decidedBy();
        return Map.of("id", standing.forApproval(plan.approval().id()).orElse(""), "grantedBy", grantor == null ? "" : grantor);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
