package io.carapulse.tools.github;

import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.git.BaseFile;
import io.carapulse.tools.git.GitBlob;

/**
 * A path at a ref, read through the contents API ({@code GET /repos/{o}/{r}/contents/{path}?ref}) and told
 * apart: a regular file (its bytes checked against its blob SHA, so an answer altered on the way is refused),
 * nothing, a symlink, a submodule or a directory. GitHub follows a symlink whose target is a file and
 * answers with the target's path: a path that comes back as another is a symlink.
 */
final class GitHubFiles {

    private GitHubFiles() {
    }

    /** What {@code path} is at {@code ref}, for a proposed change; a file over {@code maxBytes} is refused. */
    static BaseFile base(GitHubCall gh, String argument, String path, String ref, int maxBytes) {
        GitHubApi.Content c;
        try {
            c = gh.api().content(path, ref);
        } catch (ToolException e) {
            if (e.failure() == ToolFailure.NOT_FOUND) {
                return BaseFile.absent(path);
            }
            throw e;
        }
        return switch (c.type()) {
            case "file" -> {
                if (c.path() != null && !c.path().equals(path)) {
                    yield BaseFile.other(path, BaseFile.Kind.SYMLINK, c.sha());
                }
                yield BaseFile.file(path, c.sha(), checked(gh, argument, path, c, maxBytes));
            }
            case "symlink" -> BaseFile.other(path, BaseFile.Kind.SYMLINK, c.sha());
            case "submodule" -> BaseFile.other(path, BaseFile.Kind.SUBMODULE, c.sha());
            default -> BaseFile.other(path, BaseFile.Kind.DIRECTORY, c.sha());
        };
    }

    /** The bytes of a file the contents API answered, within {@code maxBytes} and matching its blob SHA. */
    static byte[] checked(GitHubCall gh, String argument, String path, GitHubApi.Content c, int maxBytes) {
        if (c.size() > maxBytes) {
            throw ToolArgs.invalid(argument + ": '" + path + "' is " + c.size() + " bytes, more than the limit of "
                    + maxBytes + " bytes (github.max-file-bytes)");
        }
        if (c.content() == null) {
            throw gh.failure(ToolFailure.TOOL_FAILED, "GitHub returned no content for '" + path + "'", null);
        }
        if (c.sha() != null && !GitBlob.sha1(c.content()).equals(c.sha())) {
            throw gh.failure(ToolFailure.TOOL_FAILED, "the content of '" + path + "' does not match its blob " + c.sha()
                    + " (altered on the way, e.g. masked as a secret); refused", null);
        }
        return c.content();
    }
}
