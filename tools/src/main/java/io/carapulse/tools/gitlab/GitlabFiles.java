package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.git.BaseFile;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Files of a project at a ref, as GitLab's REST API gives them on both transports:
 * <ul>
 *   <li>what a path is: the tree of its directory ({@code GET /projects/:id/repository/tree?path=<dir>&ref=<sha>},
 *       100 entries a page): mode {@code 120000} is a symlink, {@code 160000} (type {@code commit}) a submodule,
 *       type {@code tree} a directory, absent from the listing (or the directory absent) nothing;</li>
 *   <li>its blob id and size without its content: {@code HEAD /projects/:id/repository/files/:path?ref=}
 *       (headers {@code X-Gitlab-Blob-Id}, {@code X-Gitlab-Size}, {@code X-Gitlab-Commit-Id});</li>
 *   <li>its content: {@code GET /projects/:id/repository/files/:path?ref=} ({@code content} in base64,
 *       {@code blob_id}, {@code size}).</li>
 * </ul>
 * The size is known before the content is fetched, so a file over {@code max-file-bytes} is never downloaded.
 */
final class GitlabFiles {

    /** A directory listing holds at most this many entries a page (GitLab's maximum). */
    private static final int PAGE = 100;
    /** Directories are read at most this many pages deep (10,000 entries). */
    private static final int MAX_PAGES = 100;

    private GitlabFiles() {
    }

    static String filePath(String project, String path, String ref) {
        return GitlabPaths.query(GitlabPaths.project(project) + "/repository/files/" + GitlabPaths.encode(path),
                GitlabPaths.params("ref", ref));
    }

    /** Blob id, size and commit of {@code path} at {@code ref}; empty when there is no such file. */
    static Optional<JsonNode> info(GitlabCall gitlab, String path, String ref) {
        return gitlab.head(filePath(gitlab.project(), path, ref), GitlabFiles::fromHeaders,
                api -> api.getRepositoryFileApi().getFileInfo(gitlab.project(), path, ref));
    }

    /** The files API's JSON from the headers of its HEAD answer, as gitlab4j reads them. */
    static JsonNode fromHeaders(Map<String, String> headers) {
        ObjectNode n = GitlabMergeRequests.F.objectNode();
        put(n, "blob_id", headers.get("x-gitlab-blob-id"));
        put(n, "commit_id", headers.get("x-gitlab-commit-id"));
        put(n, "last_commit_id", headers.get("x-gitlab-last-commit-id"));
        put(n, "file_path", headers.get("x-gitlab-file-path"));
        put(n, "ref", headers.get("x-gitlab-ref"));
        String size = headers.get("x-gitlab-size");
        n.put("size", size != null && size.matches("[0-9]{1,12}") ? Long.parseLong(size) : -1);
        return n;
    }

    private static void put(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }

    /** The bytes of {@code path} at {@code ref}, with its blob id; {@code not_found} when it is gone. */
    static JsonNode content(GitlabCall gitlab, String path, String ref) {
        return gitlab.get(filePath(gitlab.project(), path, ref),
                api -> api.getRepositoryFileApi().getFile(gitlab.project(), path, ref));
    }

    static byte[] decode(GitlabCall gitlab, JsonNode file, String path) {
        String encoding = file.path("encoding").asText("base64");
        String content = file.path("content").asText("");
        if (!encoding.equals("base64")) {
            throw gitlab.refuse(ToolFailure.TOOL_FAILED, "GitLab answered '" + path + "' in encoding " + encoding
                    + ", not base64");
        }
        try {
            return Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw gitlab.refuse(ToolFailure.TOOL_FAILED, "GitLab answered '" + path + "' with content that is not base64");
        }
    }

    /** The entry {@code path} in its directory's tree at {@code sha}; empty when neither exists. */
    static Optional<JsonNode> treeEntry(GitlabCall gitlab, String path, String sha) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? null : path.substring(0, slash);
        String name = path.substring(slash + 1);
        for (int page = 1; page <= MAX_PAGES; page++) {
            int n = page;
            String request = GitlabPaths.query(GitlabPaths.project(gitlab.project()) + "/repository/tree",
                    GitlabPaths.params("path", dir, "ref", sha, "per_page", PAGE, "page", n));
            Optional<JsonNode> entries = gitlab.find(request, api -> n == 1
                    ? api.getRepositoryApi().getTree(gitlab.project(), dir, sha, PAGE).first()
                    : api.getRepositoryApi().getTree(gitlab.project(), dir, sha, PAGE).page(n));
            if (entries.isEmpty()) {
                return Optional.empty();
            }
            for (JsonNode e : entries.get()) {
                if (name.equals(e.path("name").asText())) {
                    return Optional.of(e);
                }
            }
            if (entries.get().size() < PAGE) {
                return Optional.empty();
            }
        }
        throw gitlab.refuse(ToolFailure.TOOL_FAILED, "the directory of '" + path + "' has more than "
                + PAGE * MAX_PAGES + " entries");
    }

    /**
     * Reads each path of a proposed change at commit {@code sha} as a {@link BaseFile}. At plan time
     * ({@code approved == false}) a file over {@code maxBytes} refuses the plan ({@code invalid_arguments})
     * without being downloaded; at execution it reads as its blob alone (no content): a file over the limit
     * cannot be the one approved, so its blob differs from the approved one and the step stops with
     * {@code precondition_failed} before anything is looked at further.
     */
    static Function<String, BaseFile> reader(GitlabCall gitlab, String sha, int maxBytes, String argument,
                                             boolean approved) {
        return path -> {
            Optional<JsonNode> entry = treeEntry(gitlab, path, sha);
            if (entry.isEmpty()) {
                return BaseFile.absent(path);
            }
            JsonNode e = entry.get();
            String mode = e.path("mode").asText();
            String type = e.path("type").asText();
            String blob = e.path("id").asText(null);
            if (mode.equals("120000")) {
                return BaseFile.other(path, BaseFile.Kind.SYMLINK, blob);
            }
            if (mode.equals("160000") || type.equals("commit")) {
                return BaseFile.other(path, BaseFile.Kind.SUBMODULE, blob);
            }
            if (type.equals("tree")) {
                return BaseFile.other(path, BaseFile.Kind.DIRECTORY, blob);
            }
            JsonNode info = info(gitlab, path, sha).orElseThrow(() -> gitlab.refuse(ToolFailure.CONFLICT,
                    "'" + path + "' is listed at " + sha + " but GitLab has no such file"));
            long size = info.path("size").asLong(-1);
            String blobId = info.path("blob_id").asText(blob);
            if (size > maxBytes) {
                if (approved) {
                    return BaseFile.file(path, blobId, new byte[0]);
                }
                throw ToolArgs.invalid(argument + ": '" + path + "' is " + size + " bytes at the base, more than the limit "
                        + "of " + maxBytes + " bytes per file (max-file-bytes)");
            }
            JsonNode file = content(gitlab, path, sha);
            return BaseFile.file(path, file.path("blob_id").asText(blobId), decode(gitlab, file, path));
        };
    }

    /** Whether {@code bytes} is text: UTF-8 without a NUL. */
    static boolean text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
