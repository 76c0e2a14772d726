package io.carapulse.core.api;

import io.carapulse.api.dto.ToolView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.tool.ToolRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/** {@code /v1/tools}: the tool catalog with classes, schemas and usable transports. */
@ProblemResponses
@Controller("/v1/tools")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ToolController {

    private final ToolRegistry tools;
    private final PolicyService policy;

    public ToolController(ToolRegistry tools, PolicyService policy) {
        this.tools = tools;
        this.policy = policy;
    }

    @Get
    public List<ToolView> list(Authentication auth) {
        policy.requireReader(Actors.of(auth), "tool.list", "tool", null);
        return tools.views();
    }

    @Get("/{name}")
    public ToolView get(@PathVariable String name, Authentication auth) {
        policy.requireReader(Actors.of(auth), "tool.read", "tool", name);
        return tools.tool(name).map(t -> tools.views().stream().filter(v -> v.name().equals(name)).findFirst()
                        .orElseThrow())
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no tool " + name));
    }
}
