package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merge request reads several actions share, each one REST request on both transports: the merge
 * request ({@code GET /projects/:id/merge_requests/:iid}), the jobs of its head pipeline
 * ({@code GET /projects/:id/pipelines/:pipeline_id/jobs}), and whether the checks a merge needs have
 * passed ({@link Checks}).
 */
final class GitlabMergeRequests {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GitlabMergeRequests() {
    }

    static String path(String project, long iid) {
        return GitlabPaths.project(project) + "/merge_requests/" + iid;
    }

    /** The merge request {@code iid}; {@code not_found} when the project has none. */
    static JsonNode get(GitlabCall gitlab, long iid) {
        return gitlab.get(path(gitlab.project(), iid), api -> api.getMergeRequestApi()
                .getMergeRequest(gitlab.project(), iid));
    }

    /** What people and verify steps read of a merge request. */
    static ObjectNode view(JsonNode mr) {
        ObjectNode v = F.objectNode();
        v.put("number", mr.path("iid").asLong());
        v.put("title", mr.path("title").asText(""));
        v.put("state", mr.path("state").asText(""));
        v.put("draft", mr.path("draft").asBoolean(mr.path("work_in_progress").asBoolean(false)));
        v.put("source_branch", mr.path("source_branch").asText(""));
        v.put("target_branch", mr.path("target_branch").asText(""));
        v.put("sha", mr.path("sha").asText(""));
        v.put("web_url", mr.path("web_url").asText(""));
        v.put("author", mr.path("author").path("username").asText(""));
        v.put("merge_status", mr.path("detailed_merge_status").asText(mr.path("merge_status").asText("")));
        v.put("has_conflicts", mr.path("has_conflicts").asBoolean(false));
        JsonNode pipeline = mr.path("head_pipeline");
        if (pipeline.isObject()) {
            v.set("head_pipeline", pipelineView(pipeline));
        } else {
            v.putNull("head_pipeline");
        }
        text(v, "merge_commit_sha", mr.path("merge_commit_sha"));
        text(v, "squash_commit_sha", mr.path("squash_commit_sha"));
        text(v, "created_at", mr.path("created_at"));
        text(v, "updated_at", mr.path("updated_at"));
        return v;
    }

    static ObjectNode pipelineView(JsonNode p) {
        ObjectNode v = F.objectNode();
        v.put("id", p.path("id").asLong());
        v.put("status", p.path("status").asText(""));
        v.put("ref", p.path("ref").asText(""));
        v.put("sha", p.path("sha").asText(""));
        v.put("web_url", p.path("web_url").asText(""));
        return v;
    }

    private static void text(ObjectNode v, String name, JsonNode value) {
        if (value.isTextual()) {
            v.put(name, value.asText());
        }
    }

    /** The evidence of a merge request: its number, URL and head SHA. */
    static Map<String, String> ids(JsonNode mr) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("gitlab.mr_iid", mr.path("iid").asText());
        ids.put("gitlab.mr_url", mr.path("web_url").asText());
        if (mr.path("sha").isTextual()) {
            ids.put("gitlab.head_sha", mr.path("sha").asText());
        }
        return ids;
    }

    /**
     * The merge request's head pipeline, its jobs, and whether a merge may go ahead: the head pipeline ran
     * on the merge request's head SHA and succeeded, and each of {@code required} names jobs of it that all
     * succeeded. {@code reasons} says what is missing, one line each.
     */
    record Checks(JsonNode pipeline, ArrayNode jobs, List<String> required, boolean passed, List<String> reasons) {

        ObjectNode data(JsonNode mr) {
            ObjectNode d = F.objectNode();
            d.put("number", mr.path("iid").asLong());
            d.put("head_sha", mr.path("sha").asText(""));
            d.set("pipeline", pipeline == null ? F.nullNode() : pipelineView(pipeline));
            d.set("jobs", jobs);
            ArrayNode req = d.putArray("required_checks");
            required.forEach(req::add);
            d.put("passed", passed);
            ArrayNode why = d.putArray("reasons");
            reasons.forEach(why::add);
            d.put("summary", summary());
            return d;
        }

        String summary() {
            if (pipeline == null) {
                return "no pipeline ran on the merge request's head";
            }
            Map<String, Integer> counts = new TreeMap<>();
            jobs.forEach(j -> counts.merge(j.path("status").asText(), 1, Integer::sum));
            return "pipeline " + pipeline.path("id").asLong() + " " + pipeline.path("status").asText() + "; "
                    + jobs.size() + " jobs" + (counts.isEmpty() ? "" : ": " + counts) + (passed ? "; checks passed"
                    : "; checks not passed");
        }
    }

    /** Reads the head pipeline's jobs (none when there is no pipeline) and judges them. */
    static Checks checks(GitlabCall gitlab, GitlabProject project, JsonNode mr) {
        JsonNode pipeline = mr.path("head_pipeline");
        List<String> reasons = new ArrayList<>();
        ArrayNode jobs = F.arrayNode();
        if (!pipeline.isObject()) {
            reasons.add("no pipeline ran on the merge request's head " + mr.path("sha").asText());
            project.requiredChecks().forEach(c -> reasons.add("required check '" + c + "' did not run"));
            return new Checks(null, jobs, project.requiredChecks(), false, reasons);
        }
        long id = pipeline.path("id").asLong();
        JsonNode raw = gitlab.get(GitlabPaths.query(GitlabPaths.project(gitlab.project()) + "/pipelines/" + id + "/jobs",
                GitlabPaths.params("per_page", 100)), api -> api.getJobApi().getJobsForPipeline(gitlab.project(), id));
        raw.forEach(j -> jobs.add(F.objectNode().put("id", j.path("id").asLong())
                .put("name", j.path("name").asText("")).put("stage", j.path("stage").asText(""))
                .put("status", j.path("status").asText("")).put("allow_failure", j.path("allow_failure").asBoolean(false))
                .put("web_url", j.path("web_url").asText(""))));
        if (!"success".equals(pipeline.path("status").asText())) {
            reasons.add("pipeline " + id + " is " + pipeline.path("status").asText("in an unknown state")
                    + ", not success");
        }
        if (!pipeline.path("sha").asText().equals(mr.path("sha").asText())) {
            reasons.add("pipeline " + id + " ran on " + pipeline.path("sha").asText() + ", not on the head "
                    + mr.path("sha").asText());
        }
        for (String check : project.requiredChecks()) {
            List<JsonNode> named = new ArrayList<>();
            jobs.forEach(j -> {
                if (j.path("name").asText().equals(check)) {
                    named.add(j);
                }
            });
            if (named.isEmpty()) {
                reasons.add("required check '" + check + "' did not run in pipeline " + id);
            } else if (named.stream().anyMatch(j -> !"success".equals(j.path("status").asText()))) {
                reasons.add("required check '" + check + "' is " + named.stream().map(j -> j.path("status").asText())
                        .distinct().toList() + ", not success");
            }
        }
        return new Checks(pipeline, jobs, project.requiredChecks(), reasons.isEmpty(), reasons);
    }
}
