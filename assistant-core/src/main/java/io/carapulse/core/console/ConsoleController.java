package io.carapulse.core.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.api.Views;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.evidence.EvidenceViews;
import io.carapulse.core.execution.ExecutionQueries;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.plan.PlanValidator;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    private final ConsoleRequests requests;
    private final PlanService plans;
    private final PlanQueries planQueries;
    private final PlanValidator validator;
    private final ApprovalService approvals;
    private final ExecutionService executions;
    private final ExecutionQueries executionQueries;
    private final EvidenceViews evidence;
    private final PolicyService policy;
    private final Views views;
    private final ObjectMapper json;

    ConsoleController(ConsoleRequests requests, PlanService plans, PlanQueries planQueries, PlanValidator validator,
                      ApprovalService approvals, ExecutionService executions, ExecutionQueries executionQueries,
                      EvidenceViews evidence, PolicyService policy, Views views, ObjectMapper json) {
        this.requests = requests;
        this.plans = plans;
        this.planQueries = planQueries;
        this.validator = validator;
        this.approvals = approvals;
        this.executions = executions;
        this.executionQueries = executionQueries;
        this.evidence = evidence;
        this.policy = policy;
        this.views = views;
        this.json = json;
    }

    @Get("/")
    MutableHttpResponse<?> home(HttpRequest<?> request) {
        return signedIn(request, session -> {
            Actor actor = session.actor();
            policy.requireReader(actor, "console.home", "console", null);
            approvals.expireAllDue();
            List<Map<String, Object>> waiting = approvals.pending().stream()
                    .filter(a -> mayDecide(actor, a.environment()))
                    .map(a -> map(views.planSummary(plans.require(a.planId()))))
                    .toList();
            Map<String, Object> model = base(session);
            model.put("waiting", waiting);
            model.put("running", executionQueries.list(ExecutionStatus.RUNNING, null, null, null, RECENT).items()
                    .stream().map(e -> map(views.executionSummary(e))).toList());
            model.put("held", executionQueries.list(ExecutionStatus.HELD, null, null, null, RECENT).items()
                    .stream().map(e -> map(views.executionSummary(e))).toList());
            model.put("plans", planQueries.list(null, null, null, null, RECENT).items()
                    .stream().map(p -> map(views.planSummary(p))).toList());
            return render(HttpStatus.OK, "console/home", model);
        });
    }

    @Get("/plans/{id}")
    MutableHttpResponse<?> plan(@PathVariable String id, @Nullable @QueryValue String done, HttpRequest<?> request) {
        return signedIn(request, session -> {
            policy.requireReader(session.actor(), "plan.read", "plan", id);
            approvals.expireDue(id);
            return planPage(session, id, HttpStatus.OK, done != null && DONE.contains(done) ? done : null, null);
        });
    }

    @Post(value = "/plans/{id}/decision", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> decide(@PathVariable String id, @Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return signedIn(request, session -> {
            refuseForged(session, form, request);
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

    @Get("/executions/{id}")
    MutableHttpResponse<?> execution(@PathVariable String id, HttpRequest<?> request) {
        return signedIn(request, session -> {
            policy.requireReader(session.actor(), "execution.read", "execution", id);
            Map<String, Object> model = base(session);
            model.put("execution", map(views.execution(executions.require(id))));
            model.put("evidence", evidence.ofExecution(id).stream()
                    .map(ev -> Map.<String, Object>of("id", ev.id(), "json", jsonText(ev))).toList());
            return render(HttpStatus.OK, "console/execution", model);
        });
    }

    private MutableHttpResponse<?> planPage(ConsoleSessions.Session session, String id, HttpStatus status, String done,
                                            Map<String, String> refusal) {
        PlanView plan = views.plan(plans.require(id));
        Map<String, Object> model = base(session);
        Map<String, Object> shown = map(plan);
        // arguments as the JSON they were written in (the template shows text, escaped)
        List<Map<String, Object>> steps = plan.steps().stream().map(step -> {
            Map<String, Object> m = map(step);
            m.put("argsJson", jsonText(step.args()));
            return m;
        }).toList();
        shown.put("steps", steps);
        model.put("plan", shown);
        model.put("canDecide", PlanStatus.AWAITING_APPROVAL.name().equals(plan.status())
                && mayDecide(session.actor(), plan.environment()));
        model.put("done", done);
        model.put("refusal", refusal);
        return render(status, "console/plan", model);
    }

    /** Runs {@code page} for a signed-in person; anyone else goes to the sign-in page and comes back. */
    private MutableHttpResponse<?> signedIn(HttpRequest<?> request,
                                            Function<ConsoleSessions.Session, MutableHttpResponse<?>> page) {
        Optional<ConsoleSessions.Session> session = requests.session(request);
        if (session.isEmpty()) {
            if (!"GET".equals(request.getMethodName())) {
                return ConsoleRequests.seeOther("/login");
            }
            return ConsoleRequests.seeOther("/login?next=" + URLEncoder.encode(request.getUri().toString(), StandardCharsets.UTF_8));
        }
        try {
            return page.apply(session.get());
        } catch (ProblemException e) {
            Map<String, Object> model = base(session.get());
            model.put("code", e.problem().code());
            model.put("message", e.getMessage());
            return render(HttpStatus.valueOf(e.problem().status()), "console/error", model);
        }
    }

    /** A state-changing form must come from our own page, with this session's CSRF token. */
    private void refuseForged(ConsoleSessions.Session session, Map<String, String> form, HttpRequest<?> request) {
        String token = form.getOrDefault(ConsoleRequests.CSRF_FIELD, request.getHeaders().get(ConsoleRequests.CSRF_HEADER));
        if (requests.crossSite(request) || !ConsoleSessions.csrfMatches(session, token)) {
            throw new ProblemException(ProblemCode.FORBIDDEN,
                    "This form did not come from your console session (its CSRF token is missing or wrong); nothing was changed.");
        }
    }

    private boolean mayDecide(Actor actor, String environment) {
        try {
            Environment env = validator.environment(environment);
            return actor.hasAny(env.policy().approveRoles());
        } catch (ProblemException unknownEnvironment) {
            return false;
        }
    }

    private static Map<String, Object> base(ConsoleSessions.Session session) {
        Map<String, Object> model = new HashMap<>();
        model.put("me", Map.of("name", session.actor().name(), "id", session.actor().id(),
                "roles", session.actor().roles().stream().map(r -> r.wire()).sorted().toList()));
        model.put("csrf", session.csrf());
        return model;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object view) {
        return json.convertValue(view, Map.class);
    }

    private String jsonText(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static MutableHttpResponse<?> render(HttpStatus status, String view, Map<String, Object> model) {
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE).body(new ModelAndView<>(view, model));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
