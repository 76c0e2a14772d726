package io.carapulse.core.api;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.EnvironmentView;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.GuardRails;
import io.carapulse.config.InventoryPart;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /v1/environments}: each environment's policy, declared targets and guard rails, for anyone
 * with a role. Targets only: never a credential or where one is kept.
 */
@ProblemResponses
@Controller("/v1/environments")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class EnvironmentController {

    private final EnvironmentCatalog environments;
    private final PolicyService policy;

    public EnvironmentController(EnvironmentCatalog environments, PolicyService policy) {
        this.environments = environments;
        this.policy = policy;
    }

    @Get
    public PageView<EnvironmentView> list(Authentication auth) {
        policy.requireReader(Actors.of(auth), "environment.list", "environment", null);
        List<EnvironmentView> items = environments.all().stream().map(EnvironmentController::view).toList();
        return new PageView<>(items, items.size(), null);
    }

    @Get("/{name}")
    public EnvironmentView get(@PathVariable String name, Authentication auth) {
        policy.requireReader(Actors.of(auth), "environment.read", "environment", name);
        return environments.find(name).map(EnvironmentController::view)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no environment " + name));
    }

    static EnvironmentView view(Environment env) {
        Environment.Policy p = env.policy();
        GuardRails g = env.guardRails();
        return new EnvironmentView(env.name(), env.description(), roles(p.requestRoles()), roles(p.approveRoles()),
                roles(p.executeRoles()), p.selfApproval(), p.breakGlassAllowed(), roles(p.breakGlassRoles()),
                duration(p.approvalTtl()), p.approvalProviders(),
                env.inventory().parts().stream().map(InventoryPart::describe).flatMap(List::stream).toList(),
                new EnvironmentView.GuardRails(
                        g.maintenanceWindows().stream().map(w -> new EnvironmentView.Window(w.cron(),
                                duration(w.duration()), w.timeZone().getId())).toList(),
                        g.freezes().stream().map(f -> new EnvironmentView.Freeze(f.from(), f.to(), f.reason())).toList(),
                        g.maxWriteStepsPerPlan().isPresent() ? g.maxWriteStepsPerPlan().getAsInt() : null,
                        g.maxRunningWrites().isPresent() ? g.maxRunningWrites().getAsInt() : null,
                        g.standingApprovalMax().map(EnvironmentController::duration).orElse(null)));
    }

    private static List<String> roles(Set<Role> roles) {
        return roles.stream().map(Role::wire).sorted().toList();
    }

    private static String duration(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
