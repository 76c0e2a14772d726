package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.Variable;

/**
 * {@code gitlab.pipeline-run}: starts a CI/CD pipeline on a ref the project's {@code pipeline-refs} lists,
 * with variables ({@code POST /projects/:id/pipeline {ref, variables: [{key, value}]}}), the usual way a
 * team's deploy or rollback pipeline is started. Evidence: the pipeline's id, URL and SHA. Not reversible:
 * what the pipeline does is its own business.
 */
public final class GitlabPipelineRun extends GitlabAction<GitlabPipelineRun.Arguments> {

    /** A CI/CD variable's name as GitLab accepts it. */
    private static final String VARIABLE = "[A-Za-z_][A-Za-z0-9_]{0,254}";

    /** The arguments of {@code gitlab.pipeline-run}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = "the branch or tag to run the pipeline on; one of the project's pipeline-refs",
                    pattern = REF_PATTERN) String ref,
            @Arg(value = "CI/CD variables for this pipeline, name -> value", maxItems = 50, maxLength = 10_000)
            Optional<Map<String, String>> variables) implements OnProject {

        public Arguments {
            variables.ifPresent(v -> v.keySet().forEach(k -> {
                if (!k.matches(VARIABLE)) {
                    throw ToolArgs.invalid("variables: '" + k + "' is not a variable name (letters, digits, '_'; "
                            + "not starting with a digit)");
                }
            }));
        }
    }

    public GitlabPipelineRun(GitlabRuntime runtime) {
        super(runtime, "pipeline-run", ActionClass.WRITE, "Start a GitLab CI/CD pipeline on one of the project's "
                + "allowed refs, with variables", Arguments.class, false, Duration.ofMinutes(2));
    }

    @Override
    protected List<String> projectTargets(GitlabInventory inventory, GitlabProject project, Arguments args) {
        if (!project.pipelineRefs().contains(args.ref())) {
            return List.of("ref: '" + args.ref() + "' is not a ref pipelines may run on in " + project.name()
                    + " (pipeline-refs: " + project.pipelineRefs() + ")");
        }
        return List.of();
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        Map<String, String> variables = args.variables().orElse(Map.of());
        ObjectNode body = GitlabMergeRequests.F.objectNode().put("ref", args.ref());
        ArrayNode vars = body.putArray("variables");
        variables.forEach((k, v) -> vars.addObject().put("key", k).put("value", v).put("variable_type", "env_var"));
        JsonNode pipeline = gitlab.send("POST", GitlabPaths.project(gitlab.project()) + "/pipeline", body, api -> {
            List<Variable> list = new ArrayList<>();
            variables.forEach((k, v) -> list.add(new Variable(k, v)));
            return api.getPipelineApi().createPipeline(gitlab.project(), args.ref(), list);
        });
        ObjectNode data = GitlabMergeRequests.pipelineView(pipeline);
        data.put("iid", pipeline.path("iid").asLong());
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("gitlab.pipeline_id", pipeline.path("id").asText());
        ids.put("gitlab.pipeline_url", pipeline.path("web_url").asText());
        ids.put("gitlab.pipeline_sha", pipeline.path("sha").asText());
        ids.put("gitlab.ref", args.ref());
        return gitlab.result(data, ids);
    }
}
