package io.carapulse.core.console;

import io.carapulse.api.dto.StandingApprovalView;
import io.carapulse.config.Environment;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actor;
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
import java.util.Map;
import java.util.Set;

/**
 * The console's standing approvals: every one with its status, bounds, grantor and expiry, and a
 * revoke button for people who hold the approve role of its environment. Granting one is done through
 * {@code POST /v1/standing-approvals}.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class ConsoleStandingApprovalController {

    private static final Set<String> DONE = Set.of("revoked");

    private final ConsolePages pages;
    private final StandingApprovals standing;
    private final ApprovalService approvals;

    ConsoleStandingApprovalController(ConsolePages pages, StandingApprovals standing, ApprovalService approvals) {
        this.pages = pages;
        this.standing = standing;
        this.approvals = approvals;
    }

    @Get("/standing-approvals")
    MutableHttpResponse<?> list(@Nullable @QueryValue String done, HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            Actor actor = session.actor();
            Map<String, Object> model = ConsolePages.base(session);
            // "rows": the name the page's table fragment (also shown on a runbook's page) reads
            model.put("rows", standing.list(actor).stream().map(s -> row(pages, actor, s)).toList());
            model.put("done", done != null && DONE.contains(done) ? done : null);
            return pages.render(HttpStatus.OK, "console/standing-approvals", model);
        });
    }

    @Post(value = "/standing-approvals/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(@PathVariable String id, @Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            standing.revoke(session.actor(), id, approvals::reopen);
            return ConsoleRequests.seeOther("/standing-approvals?done=revoked");
        });
    }

    /** A standing approval as a row: its bounds as JSON text, and whether {@code actor} may revoke it here. */
    static Map<String, Object> row(ConsolePages pages, Actor actor, StandingApprovalView s) {
        Map<String, Object> m = pages.map(s);
        m.put("boundsJson", pages.jsonText(s.bounds()));
        m.put("mayRevoke", "active".equals(s.status()) && pages.holds(actor, s.environment(), Environment.Policy::approveRoles));
        return m;
    }
}
