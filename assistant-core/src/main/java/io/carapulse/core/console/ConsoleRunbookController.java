package io.carapulse.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.runbook.RunbookCatalog;
import io.carapulse.core.runbook.RunbookParameter;
import io.carapulse.core.runbook.RunbookRuns;
import io.carapulse.core.runbook.RunbookSources;
import io.carapulse.core.runbook.StandingApprovals;
import io.carapulse.core.schedule.ScheduleService;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's runbooks: the catalog with the files that are not valid runbooks, and a runbook's page
 * (parameters, steps, versions, schedules, standing approvals) with a run form for people who may
 * request plans in one of its environments. A run goes through {@link RunbookRuns} as through the API
 * and lands on the plan it made; a refused run shows the form again with each problem.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class ConsoleRunbookController {

    private final ConsolePages pages;
    private final RunbookCatalog catalog;
    private final RunbookSources sources;
    private final RunbookRuns runs;
    private final ScheduleService schedules;
    private final StandingApprovals standing;
    private final EnvironmentCatalog environments;
    private final PolicyService policy;

    ConsoleRunbookController(ConsolePages pages, RunbookCatalog catalog, RunbookSources sources, RunbookRuns runs,
                             ScheduleService schedules, StandingApprovals standing, EnvironmentCatalog environments,
                             PolicyService policy) {
        this.pages = pages;
        this.catalog = catalog;
        this.sources = sources;
        this.runs = runs;
        this.schedules = schedules;
        this.standing = standing;
        this.environments = environments;
        this.policy = policy;
    }

    @Get("/runbooks")
    MutableHttpResponse<?> list(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "runbook.list", "runbook", null);
            sources.awaitFirstLoad();
            Map<String, Object> model = ConsolePages.base(session);
            model.put("runbooks", catalog.list().stream().map(v -> {
                Map<String, Object> m = pages.map(RunbookCatalog.view(v, false));
                m.put("where", v.definition().environments().isEmpty() ? "all"
                        : String.join(", ", v.definition().environments()));
                return m;
            }).toList());
            model.put("problems", new TreeMap<>(sources.problems()).entrySet().stream()
                    .map(e -> Map.of("file", e.getKey(), "problems", e.getValue())).toList());
            return pages.render(HttpStatus.OK, "console/runbooks", model);
        });
    }

    @Get("/runbooks/{name}")
    MutableHttpResponse<?> runbook(@PathVariable String name, HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "runbook.read", "runbook", name);
            sources.awaitFirstLoad();
            return page(session, name, HttpStatus.OK, Map.of(), null);
        });
    }

    @Post(value = "/runbooks/{name}/runs", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> run(@PathVariable String name, @Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            sources.awaitFirstLoad();
            try {
                RunbookCatalog.Version current = catalog.current(name);
                RunbookRuns.Run run = runs.run(session.actor(), name, form.get("environment"),
                        RunbookForm.params(current.definition(), form), null, RunbookRuns.Trigger.API);
                return ConsoleRequests.seeOther("/plans/" + run.plan().id());
            } catch (ProblemException e) {
                if (e.problem() == ProblemCode.NOT_FOUND) {
                    throw e;
                }
                return page(session, name, HttpStatus.valueOf(e.problem().status()), form, e);
            }
        });
    }

    private MutableHttpResponse<?> page(ConsoleSessions.Session session, String name, HttpStatus status,
                                        Map<String, String> form, ProblemException refused) {
        Actor actor = session.actor();
        RunbookCatalog.Version current = catalog.current(name);
        Map<String, Object> model = ConsolePages.base(session);
        Map<String, Object> runbook = pages.map(RunbookCatalog.view(current, true));
        runbook.put("where", current.definition().environments().isEmpty() ? "all"
                : String.join(", ", current.definition().environments()));
        runbook.put("act", steps(RunbookCatalog.view(current, true).steps()));
        runbook.put("check", steps(RunbookCatalog.view(current, true).verify()));
        model.put("runbook", runbook);
        model.put("parameters", current.definition().parameters().values().stream().map(ConsoleRunbookController::parameter)
                .toList());
        model.put("versions", catalog.versions(name).stream().map(v -> pages.map(RunbookCatalog.view(v, false))).toList());
        model.put("schedules", schedules.list(actor).stream().filter(s -> s.runbook().equals(name)).map(pages::map).toList());
        model.put("standing", standing.list(actor).stream().filter(s -> s.runbook().equals(name))
                .map(s -> ConsoleStandingApprovalController.row(pages, actor, s)).toList());
        List<String> runIn = environments.all().stream().map(Environment::name)
                .filter(e -> current.definition().runsIn(e) && pages.holds(actor, e, Environment.Policy::requestRoles))
                .toList();
        model.put("runIn", runIn);
        model.put("chosen", form.get("environment"));
        Map<String, String> fieldErrors = new HashMap<>();
        List<Map<String, String>> errors = new ArrayList<>();
        if (refused != null) {
            if (refused.extensions().get("errors") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        Map<String, String> err = new LinkedHashMap<>();
                        err.put("path", String.valueOf(m.get("path")));
                        err.put("message", String.valueOf(m.get("message")));
                        errors.add(err);
                        fieldErrors.putIfAbsent(err.get("path"), err.get("message"));
                    }
                }
            }
            model.put("refusal", Map.of("code", refused.problem().code(), "message", refused.getMessage(), "errors", errors));
        }
        model.put("fields", RunbookForm.fields(current.definition(), form, fieldErrors));
        return pages.render(status, "console/runbook", model);
    }

    /** Each step as {@code tool.action} and its arguments (and assertion) as JSON text, shown escaped. */
    private List<Map<String, Object>> steps(JsonNode steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (steps != null) {
            steps.forEach(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("action", s.path("tool").asText() + "." + s.path("action").asText());
                m.put("argsJson", pages.jsonText(s.get("args")));
                m.put("assertJson", s.has("assert") ? pages.jsonText(s.get("assert")) : null);
                m.put("whenJson", s.has("when") ? pages.jsonText(s.get("when")) : null);
                out.add(m);
            });
        }
        return out;
    }

    private static Map<String, Object> parameter(RunbookParameter p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type());
        m.put("description", p.description());
        List<String> bounds = new ArrayList<>();
        if (p.minimum() != null) {
            bounds.add("≥ " + p.minimum().toPlainString());
        }
        if (p.maximum() != null) {
            bounds.add("≤ " + p.maximum().toPlainString());
        }
        if (p.minLength() != null || p.maxLength() != null) {
            bounds.add("length " + (p.minLength() == null ? 0 : p.minLength()) + "–"
                    + (p.maxLength() == null ? "" : p.maxLength()));
        }
        if (p.pattern() != null) {
            bounds.add("pattern " + p.pattern().pattern());
        }
        if (!p.values().isEmpty()) {
            bounds.add("one of " + String.join(", ", p.values().stream().map(JsonNode::toString).toList()));
        }
        m.put("bounds", String.join("; ", bounds));
        m.put("defaultValue", p.defaultValue() == null ? null : p.defaultValue().toString());
        m.put("required", p.required() && p.defaultValue() == null);
        return m;
    }
}
