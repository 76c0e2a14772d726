package io.carapulse.tools.github;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.git.ChangePaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github.file-get} (READ): a file's content at a ref (default: the repository's default branch),
 * anywhere in the repository. {@code GET /repos/{o}/{r}/contents/{path}?ref}. Refused: a file over
 * {@code github.max-file-bytes}, binary content (a NUL byte), a directory, a symlink GitHub does not follow,
 * a submodule. Data: {@code {path, ref, sha, size, content}}.
 */
public final class GitHubFileGet extends GitHubAction<GitHubFileGet.Arguments> {

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = "path of the file in the repository, e.g. helm/values/prod/web.yaml", pattern = GitHubNames.PATH,
                    maxLength = 400) String path,
            @Arg(value = "branch, tag or commit SHA (default: the default branch)", pattern = GitHubNames.REF,
                    maxLength = 255) Optional<String> ref) implements Target {

        public Arguments {
            ChangePaths.problem(path).ifPresent(p -> {
                throw ToolArgs.invalid("path: " + p);
            });
        }
    }

    public GitHubFileGet(GitHubRuntime runtime) {
        super(runtime, "file-get", ActionClass.READ, "Read a text file of a repository at a branch, tag or commit",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        GitHubApi.Content c = gh.api().content(args.path(), args.ref().orElse(null));
        if (!"file".equals(c.type())) {
            throw ToolArgs.invalid("path: '" + args.path() + "' is a " + ("dir".equals(c.type()) ? "directory" : c.type())
                    + ", not a file");
        }
        byte[] bytes = GitHubFiles.checked(gh, "path", args.path(), c, gh.inventory().maxFileBytes());
        for (byte b : bytes) {
            if (b == 0) {
                throw ToolArgs.invalid("path: '" + args.path() + "' is binary; file-get reads text files only");
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String ref = args.ref().orElse("(default branch)");
        return gh.result(text, GitHubRest.object().put("path", c.path()).put("ref", ref).put("sha", c.sha())
                .put("size", c.size()).put("content", text), Map.of("github.path", args.path(), "github.ref", ref,
                "github.blob_sha", String.valueOf(c.sha())));
    }
}
