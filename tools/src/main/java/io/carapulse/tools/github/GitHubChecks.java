package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a commit judged as one, for {@code pr-checks} and {@code pr-merge}: its check runs (GitHub
 * lists the latest run per name) and the latest commit status per context. With required checks (the
 * repository's {@code required-checks}) only those count, and one that has not reported is pending; without
 * them every check counts, and a commit with no check at all is pending (its checks may not have started
 * yet), never a success.
 */
final class GitHubChecks {

    /** Conclusions GitHub's branch protection also counts as passing. */
    private static final Set<String> PASSING = Set.of("success", "neutral", "skipped");

    /** One check's outcome: {@code success}, {@code failure} or {@code pending}. */
    record Check(String name, String kind, String state, String detail, String url) {
    }

    /**
     * @param state   {@code success}, {@code pending} or {@code failure}
     * @param checks  every check of the commit
     * @param failed  the names of the counted checks that failed
     * @param pending the names of the counted checks that have not finished
     * @param missing required checks that have not reported at all
     */
    record Verdict(String sha, String state, List<Check> checks, List<String> required, List<String> failed,
                   List<String> pending, List<String> missing) {

        boolean passed() {
            return "success".equals(state);
        }

        /** Why it did not pass, in one line. */
        String reason() {
            List<String> parts = new ArrayList<>();
            if (!failed.isEmpty()) {
                parts.add("failed: " + String.join(", ", failed));
            }
            if (!pending.isEmpty()) {
                parts.add("not finished: " + String.join(", ", pending));
            }
            if (!missing.isEmpty()) {
                parts.add("not reported: " + String.join(", ", missing));
            }
            if (parts.isEmpty() && !passed()) {
                parts.add("no check has run on " + sha);
            }
            return String.join("; ", parts);
        }

        ObjectNode data() {
            ObjectNode o = GitHubRest.object().put("head_sha", sha).put("state", state);
            ArrayNode list = o.putArray("checks");
            checks.forEach(c -> list.addObject().put("name", c.name()).put("kind", c.kind()).put("state", c.state())
                    .put("detail", c.detail()).put("url", c.url()));
            required.forEach(o.putArray("required")::add);
            failed.forEach(o.putArray("failed")::add);
            pending.forEach(o.putArray("pending")::add);
            missing.forEach(o.putArray("missing")::add);
            return o;
        }
    }

    private GitHubChecks() {
    }

    /** Reads and judges the checks of {@code sha}. */
    static Verdict of(GitHubApi api, String sha, List<String> required) {
        return judge(sha, api.checkRuns(sha), api.statuses(sha), required);
    }

    static Verdict judge(String sha, List<GitHubApi.CheckRun> runs, List<GitHubApi.CommitStatus> statuses,
                         List<String> required) {
        Map<String, Check> byName = new LinkedHashMap<>();
        for (GitHubApi.CheckRun r : runs) {
            String state = !"completed".equals(r.status()) ? "pending"
                    : PASSING.contains(r.conclusion()) ? "success" : "failure";
            byName.putIfAbsent(r.name(), new Check(r.name(), "check_run", state,
                    "completed".equals(r.status()) ? r.conclusion() : r.status(), r.url()));
        }
        for (GitHubApi.CommitStatus s : statuses) { // newest first: the first per context is its latest
            String state = "success".equals(s.state()) ? "success" : "pending".equals(s.state()) ? "pending" : "failure";
            byName.putIfAbsent(s.context(), new Check(s.context(), "status", state, s.state(), s.url()));
        }
        List<String> failed = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Check c : byName.values()) {
            if (required.isEmpty() || required.contains(c.name())) {
                if ("failure".equals(c.state())) {
                    failed.add(c.name());
                } else if ("pending".equals(c.state())) {
                    pending.add(c.name());
                }
            }
        }
        required.stream().filter(r -> !byName.containsKey(r)).forEach(missing::add);
        String state = !failed.isEmpty() ? "failure"
                : !pending.isEmpty() || !missing.isEmpty() || byName.isEmpty() ? "pending" : "success";
        return new Verdict(sha, state, List.copyOf(byName.values()), List.copyOf(required), failed, pending, missing);
    }
}
