package io.carapulse.core.console;

import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.GuardRails;
import io.carapulse.config.InventoryPart;
import io.carapulse.core.api.Views;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.AuditVerification;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Cursor;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.tool.ToolRegistry;
import io.carapulse.api.auth.Role;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's read-only pages: the approval inbox, the audit log with its verification, the tools
 * catalog, the environments (policy and the targets steps may touch, never a credential) and the
 * language model's status. Each checks the reader role as the API does.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class ConsoleCatalogController {

    private static final int AUDIT_PAGE = 50;

    private final ConsolePages pages;
    private final ApprovalService approvals;
    private final PlanService plans;
    private final AuditService audit;
    private final AuditVerification verification;
    private final ToolRegistry tools;
    private final EnvironmentCatalog environments;
    private final BeanProvider<LlmProvider> llm;
    private final PolicyService policy;
    private final Views views;

    ConsoleCatalogController(ConsolePages pages, ApprovalService approvals, PlanService plans, AuditService audit,
                             AuditVerification verification, ToolRegistry tools, EnvironmentCatalog environments,
                             BeanProvider<LlmProvider> llm, PolicyService policy, Views views) {
        this.pages = pages;
        this.approvals = approvals;
        this.plans = plans;
        this.audit = audit;
        this.verification = verification;
        this.tools = tools;
        this.environments = environments;
        this.llm = llm;
        this.policy = policy;
        this.views = views;
    }

    @Get("/approvals")
    MutableHttpResponse<?> approvals(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            Actor actor = session.actor();
            policy.requireReader(actor, "approval.list", "approval", null);
            approvals.expireAllDue();
            List<Map<String, Object>> pending = approvals.pending().stream().map(a -> {
                Map<String, Object> row = pages.map(views.approval(a));
                row.put("plan", pages.map(views.planSummary(plans.require(a.planId()))));
                row.put("mayDecide", pages.holds(actor, a.environment(), Environment.Policy::approveRoles));
                return row;
            }).toList();
            Map<String, Object> model = ConsolePages.base(session);
            model.put("pending", pending);
            return pages.render(HttpStatus.OK, "console/approvals", model);
        });
    }

    @Get("/audit")
    MutableHttpResponse<?> audit(@Nullable @QueryValue String actor, @Nullable @QueryValue String action,
                                 @Nullable @QueryValue String decision, @Nullable @QueryValue String subject,
                                 @Nullable @QueryValue String before, HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "audit.read", "audit", null);
            Decision d = blank(decision) ? null : decision(decision);
            PageView<AuditEventView> page = audit.list(new AuditFilter(trim(actor), trim(action), d, trim(subject),
                    null, null, Cursor.sequence(trim(before))), AUDIT_PAGE);
            Map<String, Object> model = ConsolePages.base(session);
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("actor", trim(actor));
            filter.put("action", trim(action));
            filter.put("decision", d == null ? null : d.name().toLowerCase(Locale.ROOT));
            filter.put("subject", trim(subject));
            model.put("filter", filter);
            model.put("records", page.items().stream().map(r -> {
                Map<String, Object> m = pages.map(r);
                m.put("detailsJson", r.details() == null || r.details().isEmpty() ? null : r.details().toString());
                return m;
            }).toList());
            model.put("next", page.next());
            return pages.render(HttpStatus.OK, "console/audit", model);
        });
    }

    @Get("/audit/verify")
    MutableHttpResponse<?> verify(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "audit.verify", "audit", null);
            Map<String, Object> model = ConsolePages.base(session);
            model.put("result", pages.map(verification.verify()));
            return pages.render(HttpStatus.OK, "console/audit-verify", model);
        });
    }

    @Get("/tools")
    MutableHttpResponse<?> tools(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "tool.list", "tool", null);
            Map<String, Object> model = ConsolePages.base(session);
            model.put("tools", tools.views().stream().map(t -> {
                Map<String, Object> m = pages.map(t);
                m.put("actions", t.actions().stream().map(a -> {
                    Map<String, Object> am = pages.map(a);
                    am.put("arguments", arguments(a.argumentSchema()));
                    return am;
                }).toList());
                return m;
            }).toList());
            return pages.render(HttpStatus.OK, "console/tools", model);
        });
    }

    @Get("/environments")
    MutableHttpResponse<?> environments(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "environment.list", "environment", null);
            Map<String, Object> model = ConsolePages.base(session);
            model.put("environments", environments.all().stream().map(ConsoleCatalogController::environment).toList());
            return pages.render(HttpStatus.OK, "console/environments", model);
        });
    }

    @Get("/llm")
    MutableHttpResponse<?> llm(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "llm.read", "llm", null);
            LlmStatus status = llm.find(null).map(LlmProvider::status)
                    .orElse(LlmStatus.notConfigured("no language model provider is available; see docs/llm.md"));
            Map<String, Object> model = ConsolePages.base(session);
            model.put("llm", pages.map(status));
            return pages.render(HttpStatus.OK, "console/llm", model);
        });
    }

    private static Map<String, Object> environment(Environment env) {
        Environment.Policy p = env.policy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", env.name());
        m.put("description", env.description());
        m.put("requestRoles", roles(p.requestRoles()));
        m.put("approveRoles", roles(p.approveRoles()));
        m.put("executeRoles", roles(p.executeRoles()));
        m.put("selfApproval", p.selfApproval());
        m.put("breakGlass", p.breakGlassAllowed() ? "allowed, approved by " + roles(p.breakGlassRoles()) : "not allowed");
        m.put("approvalTtl", p.approvalTtl().toString().substring(2).toLowerCase(Locale.ROOT));
        m.put("approvals", String.join(", ", p.approvalProviders()));
        // InventoryPart.describe: targets only, never a credential or where one is kept
        m.put("targets", env.inventory().parts().stream().map(InventoryPart::describe).flatMap(List::stream).toList());
        m.put("guardRails", guardRails(env.guardRails()));
        return m;
    }

    /** One line per guard rail, as docs/configuration.md words them. */
    private static List<String> guardRails(GuardRails g) {
        List<String> out = new java.util.ArrayList<>();
        g.maintenanceWindows().forEach(w -> out.add("writes start in the window " + w.describe()));
        g.freezes().forEach(f -> out.add("change freeze from " + f.from() + " to " + f.to()
                + (f.reason().isEmpty() ? "" : " (" + f.reason() + ")")));
        g.maxWriteStepsPerPlan().ifPresent(n -> out.add("at most " + n + " steps that write in one plan"));
        g.maxRunningWrites().ifPresent(n -> out.add("at most " + n + " executions of plans that write under way at once"));
        g.standingApprovalMax().ifPresent(d -> out.add("standing approvals of runbooks for at most "
                + d.toString().substring(2).toLowerCase(Locale.ROOT)));
        return out;
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::wire).sorted().collect(Collectors.joining(", "));
    }

    /** {@code name*: type} for each argument of a JSON schema ({@code *}: required). */
    private static List<String> arguments(com.fasterxml.jackson.databind.node.ObjectNode schema) {
        if (schema == null || !schema.has("properties")) {
            return List.of();
        }
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> out = new java.util.ArrayList<>();
        schema.get("properties").fields().forEachRemaining(f -> out.add(f.getKey()
                + (required.contains(f.getKey()) ? "*" : "") + ": " + f.getValue().path("type").asText("any")));
        return out;
    }

    private static Decision decision(String value) {
        return Arrays.stream(Decision.values()).filter(d -> d.name().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemCode.VALIDATION_FAILED,
                        "decision must be allow or deny, not '" + value + "'"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.strip();
    }
}
