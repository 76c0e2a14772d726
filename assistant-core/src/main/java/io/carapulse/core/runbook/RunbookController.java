package io.carapulse.core.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.RunbookRunRequest;
import io.carapulse.api.dto.RunbookRunView;
import io.carapulse.api.dto.RunbookView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.api.Views;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.runbook.RunbookCatalog.Source;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/runbooks}: the catalog of runbooks (any role reads it), defining runbooks through the
 * API (admins; YAML or JSON), and running one ({@code POST /v1/runbooks/{name}/runs}), which makes a
 * plan with the runbook's origin.
 */
@ProblemResponses
@Controller("/v1/runbooks")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunbookController {

    private final RunbookCatalog catalog;
    private final RunbookSources sources;
    private final RunbookRuns runs;
    private final PolicyService policy;
    private final Views views;

    public RunbookController(RunbookCatalog catalog, RunbookSources sources, RunbookRuns runs, PolicyService policy,
                             Views views) {
        this.catalog = catalog;
        this.sources = sources;
        this.runs = runs;
        this.policy = policy;
        this.views = views;
    }

    @Get
    public PageView<RunbookView> list(Authentication auth) {
        policy.requireReader(Actors.of(auth), "runbook.list", "runbook", null);
        sources.awaitFirstLoad();
        List<RunbookView> items = catalog.list().stream().map(v -> RunbookCatalog.view(v, false)).toList();
        return new PageView<>(items, items.size(), null);
    }

    /** Runbook files that are not valid now, by file, with their problems (each led by its path). */
    @Get("/problems")
    public Map<String, List<String>> problems(Authentication auth) {
        policy.requireReader(Actors.of(auth), "runbook.list", "runbook", null);
        sources.awaitFirstLoad();
        return new java.util.TreeMap<>(sources.problems());
    }

    @Get("/{name}")
    public RunbookView get(@PathVariable String name, @Nullable @QueryValue Integer version, Authentication auth) {
        policy.requireReader(Actors.of(auth), "runbook.read", "runbook", name);
        sources.awaitFirstLoad();
        return RunbookCatalog.view(version == null ? catalog.current(name) : catalog.version(name, version), true);
    }

    @Get("/{name}/versions")
    public PageView<RunbookView> versions(@PathVariable String name, Authentication auth) {
        policy.requireReader(Actors.of(auth), "runbook.read", "runbook", name);
        sources.awaitFirstLoad();
        List<RunbookView> items = catalog.versions(name).stream().map(v -> RunbookCatalog.view(v, false)).toList();
        return new PageView<>(items, items.size(), null);
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, "application/yaml", MediaType.APPLICATION_YAML, "text/yaml"})
    @ApiResponse(responseCode = "201", description = "A new version was recorded (200: the content was the current version's)",
            useReturnTypeSchema = true)
    public HttpResponse<RunbookView> define(@Nullable @Body String body, Authentication auth) {
        Actor actor = Actors.of(auth);
        requireAdmin(actor, "runbook.define", null);
        sources.awaitFirstLoad();
        if (body == null || body.isBlank()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "a runbook definition (YAML or JSON) is required");
        }
        RunbookDefinition definition;
        try {
            JsonNode tree = RunbookSources.readYaml(body, "the definition");
            definition = catalog.parser().parse(tree, "the definition");
        } catch (InvalidRunbook e) {
            throw policy.deny(actor, "runbook.define", "runbook", null, ProblemCode.VALIDATION_FAILED, e.getMessage(),
                    Map.of("errors", errors(e.problems())));
        }
        int before = currentVersion(definition.name());
        RunbookCatalog.Version recorded = catalog.record(definition, Source.API, null, actor);
        boolean created = recorded.version() != before;
        return HttpResponse.<RunbookView>status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .headers(h -> h.location(URI.create("/v1/runbooks/" + recorded.name() + "?version=" + recorded.version())))
                .body(RunbookCatalog.view(recorded, true));
    }

    @Delete("/{name}")
    @Status(HttpStatus.NO_CONTENT)
    public void retire(@PathVariable String name, Authentication auth) {
        Actor actor = Actors.of(auth);
        requireAdmin(actor, "runbook.retire", name);
        sources.awaitFirstLoad();
        catalog.retire(name, Source.API, actor);
    }

    @Post("/{name}/runs")
    @ApiResponse(responseCode = "201", description = "The plan the run made (and its execution, for a plan that only reads)",
            useReturnTypeSchema = true)
    public HttpResponse<RunbookRunView> run(@PathVariable String name, @Nullable @Body RunbookRunRequest request,
                                            Authentication auth) {
        if (request == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "a JSON body with environment and params is required");
        }
        sources.awaitFirstLoad();
        RunbookRuns.Run run = runs.run(Actors.of(auth), name, request.environment(), request.params(), request.version(),
                RunbookRuns.Trigger.API);
        return HttpResponse.<RunbookRunView>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/v1/plans/" + run.plan().id())))
                .body(new RunbookRunView(views.plan(run.plan()), run.execution() == null ? null : run.execution().id(),
                        run.note()));
    }

    private int currentVersion(String name) {
        try {
            return catalog.current(name).version();
        } catch (ProblemException e) {
            return 0;
        }
    }

    private void requireAdmin(Actor actor, String action, String name) {
        if (!actor.roles().contains(Role.ADMIN)) {
            policy.deny(actor, action, "runbook", name, ProblemCode.FORBIDDEN,
                    "defining and retiring runbooks needs the admin role");
        }
    }

    static List<Map<String, String>> errors(List<String> problems) {
        return problems.stream().map(p -> {
            int colon = p.indexOf(": ");
            Map<String, String> e = new LinkedHashMap<>();
            e.put("path", colon < 0 ? "$" : p.substring(0, colon));
            e.put("message", colon < 0 ? p : p.substring(colon + 2));
            return e;
        }).toList();
    }
}
