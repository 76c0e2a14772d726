package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.git.ChangePaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gitlab.file-get}: one text file of a project at a ref (default: the project's first base), read
 * anywhere in the repository: {@code HEAD /projects/:id/repository/files/:path?ref=} for its size and blob,
 * refused without downloading when over {@code max-file-bytes}, then {@code GET} of the same for its
 * content; a binary file (a NUL byte, or not UTF-8) is refused.
 */
public final class GitlabFileGet extends GitlabAction<GitlabFileGet.Arguments> {

    /** A path in a repository as a step names it: never option-like, one line. */
    static final String PATH_PATTERN = "[A-Za-z0-9_.@+=,~][^\\x00-\\x1f\\x7f\\u0085\\u2028\\u2029]{0,399}";

    /** The arguments of {@code gitlab.file-get}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = "the file's path in the repository, e.g. helm/values/prod/values.yaml", pattern = PATH_PATTERN)
            String path,
            @Arg(value = "a branch, tag or commit SHA (default: the project's first base branch)", pattern = REF_PATTERN)
            Optional<String> ref) implements OnProject {

        public Arguments {
            ChangePaths.problem(path).ifPresent(p -> {
                throw ToolArgs.invalid("path: " + p);
            });
            ref.flatMap(GitlabNames::refProblem).ifPresent(p -> {
                throw ToolArgs.invalid("ref: '" + ref.get() + "' " + p);
            });
        }
    }

    public GitlabFileGet(GitlabRuntime runtime) {
        super(runtime, "file-get", ActionClass.READ, "Read one text file of a GitLab project at a branch, tag or "
                + "commit, up to the environment's size limit", Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        String ref = args.ref().orElse(project.bases().get(0));
        int max = gitlab.inventory().maxFileBytes();
        JsonNode info = GitlabFiles.info(gitlab, args.path(), ref).orElseThrow(() -> gitlab.refuse(ToolFailure.NOT_FOUND,
                "'" + args.path() + "' does not exist at " + ref));
        long size = info.path("size").asLong(-1);
        if (size > max) {
            throw gitlab.refuse(ToolFailure.INVALID_ARGUMENTS, "'" + args.path() + "' is " + size + " bytes at " + ref
                    + ", more than the limit of " + max + " bytes (max-file-bytes); it was not read");
        }
        JsonNode file = GitlabFiles.content(gitlab, args.path(), ref);
        byte[] bytes = GitlabFiles.decode(gitlab, file, args.path());
        if (bytes.length > max) {
            throw gitlab.refuse(ToolFailure.INVALID_ARGUMENTS, "'" + args.path() + "' is " + bytes.length + " bytes at "
                    + ref + ", more than the limit of " + max + " bytes (max-file-bytes)");
        }
        if (!GitlabFiles.text(bytes)) {
            throw gitlab.refuse(ToolFailure.INVALID_ARGUMENTS, "'" + args.path() + "' at " + ref + " is a binary file "
                    + "(not UTF-8 text); file-get reads text files only");
        }
        ObjectNode data = GitlabMergeRequests.F.objectNode();
        data.put("path", args.path());
        data.put("ref", ref);
        data.put("blob_id", file.path("blob_id").asText(info.path("blob_id").asText("")));
        data.put("commit_id", file.path("commit_id").asText(info.path("commit_id").asText("")));
        data.put("size", bytes.length);
        data.put("content", new String(bytes, StandardCharsets.UTF_8));
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("gitlab.ref", ref);
        ids.put("gitlab.blob_id", data.path("blob_id").asText());
        ids.put("gitlab.commit_sha", data.path("commit_id").asText());
        return gitlab.result(data, ids);
    }
}
