package io.carapulse.tools.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.family.ToolArgs;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A proposed change computed against its base: each file's blob at the base and its content after, and
 * the unified diff people approve. Made twice: when the plan is created ({@link #prepare}, whose
 * {@link #preview} the runtime stores, fingerprints and shows with the approval), and when the step runs
 * ({@link #approved}), where it must come out the same against the base read again, or the step refuses
 * with {@code precondition_failed} before anything is pushed.
 */
public final class PreparedChange {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int CONTEXT = 3;

    private final String repository;
    private final String baseRef;
    private final String baseCommitSha;
    private final List<FileChange> files;
    private final String diff;
    private final int added;
    private final int removed;

    private PreparedChange(String repository, String baseRef, String baseCommitSha, List<FileChange> files, String diff,
                           int added, int removed) {
        this.repository = repository;
        this.baseRef = baseRef;
        this.baseCommitSha = baseCommitSha;
        this.files = List.copyOf(files);
        this.diff = diff;
        this.added = added;
        this.removed = removed;
    }

    /**
     * Plan time: reads each path at the base through {@code reader} and computes the change. Refuses
     * ({@code invalid_arguments}) a path that is a symlink, a submodule or a directory at the base, a base
     * file that is binary or over the size limit, an edit that does not fit the base, and a change that
     * changes nothing.
     */
    public static PreparedChange prepare(String repository, String baseRef, String baseCommitSha, ChangeEdits edits,
                                         ChangeLimits limits, Function<String, BaseFile> reader) {
        Objects.requireNonNull(baseCommitSha, "baseCommitSha");
        List<FileChange> files = new ArrayList<>();
        StringBuilder diff = new StringBuilder();
        int added = 0;
        int removed = 0;
        for (String path : edits.paths()) {
            BaseFile base = Objects.requireNonNull(reader.apply(path), "reader returned nothing for " + path);
            String baseText = baseText(edits.argument(), path, base, limits);
            String after = edits.after(path, base, baseText);
            if (after != null) {
                int bytes = after.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > limits.maxFileBytes()) {
                    throw ToolArgs.invalid(edits.argument() + ": '" + path + "' would be " + bytes
                            + " bytes, more than the limit of " + limits.maxFileBytes() + " bytes per file");
                }
            }
            if (after != null && base.kind() == BaseFile.Kind.FILE && after.equals(baseText)) {
                throw ToolArgs.invalid(edits.argument() + ": '" + path + "' would not change (its content at " + baseRef
                        + " is the same)");
            }
            List<String> before = Lines.of(baseText == null ? "" : baseText);
            List<String> now = Lines.of(after == null ? "" : after);
            Patch<String> patch = DiffUtils.diff(before, now);
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
                    base.kind() == BaseFile.Kind.ABSENT ? "/dev/null" : "a/" + path,
                    after == null ? "/dev/null" : "b/" + path, before, patch, CONTEXT);
            diff.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
            if (base.kind() == BaseFile.Kind.ABSENT) {
                diff.append("new file mode 100644\n");
            } else if (after == null) {
                diff.append("deleted file mode 100644\n");
            }
            for (String line : unified) {
                if (line.startsWith("@@ -1,0 ")) {
                    line = "@@ -0,0 " + line.substring("@@ -1,0 ".length()); // git's header for an empty old side
                } else if (line.startsWith("@@ ") && line.contains(" +1,0 @@")) {
                    line = line.replace(" +1,0 @@", " +0,0 @@");
                }
                diff.append(line).append('\n');
                if (line.startsWith("+") && !line.startsWith("+++")) {
                    added++;
                } else if (line.startsWith("-") && !line.startsWith("---")) {
                    removed++;
                }
            }
            byte[] content = after == null ? null : after.getBytes(StandardCharsets.UTF_8);
            files.add(new FileChange(path, base.kind() == BaseFile.Kind.ABSENT ? null : base.blobSha(), content,
                    content == null ? null : GitBlob.sha1(content)));
        }
        return new PreparedChange(repository, baseRef, baseCommitSha, files, diff.toString(), added, removed);
    }

    /**
     * Execution time: the change as approved, against the base read again at its current head
     * {@code headSha}. {@code precondition_failed}, before anything is pushed, when the step has no approved
     * preview, when the preview is for another repository or base, when any file's blob differs from the
     * one the diff was approved against, or when the change no longer comes out as the approved diff.
     */
    public static PreparedChange approved(Optional<StepPreview> approved, String repository, String baseRef,
                                          String headSha, ChangeEdits edits, ChangeLimits limits,
                                          Function<String, BaseFile> reader) {
        StepPreview preview = approved.orElseThrow(() -> precondition("this change has no approved diff: a proposed"
                + " change runs only as a step of a plan whose diff was approved"));
        JsonNode basis = preview.basis();
        if (!repository.equals(basis.path("repository").asText()) || !baseRef.equals(basis.path("base").path("ref").asText())) {
            throw precondition("the approved diff is for " + basis.path("repository").asText() + " from "
                    + basis.path("base").path("ref").asText() + ", not " + repository + " from " + baseRef);
        }
        Map<String, BaseFile> now = new LinkedHashMap<>();
        for (JsonNode f : basis.path("files")) {
            String path = f.path("path").asText();
            BaseFile file = Objects.requireNonNull(reader.apply(path), "reader returned nothing for " + path);
            String approvedBlob = f.path("baseBlob").isNull() || f.path("baseBlob").isMissingNode() ? null
                    : f.path("baseBlob").asText();
            String currentBlob = file.kind() == BaseFile.Kind.ABSENT ? null : file.blobSha();
            if (!Objects.equals(approvedBlob, currentBlob) || (approvedBlob != null && file.kind() != BaseFile.Kind.FILE)) {
                throw precondition("'" + path + "' changed on " + baseRef + " since the diff was approved ("
                        + describe(approvedBlob) + " then, " + describe(currentBlob) + " now); nothing was pushed."
                        + " Make the plan again to approve the change against the current " + baseRef);
            }
            now.put(path, file);
        }
        if (!now.keySet().equals(new java.util.HashSet<>(edits.paths()))) {
            throw precondition("the approved diff names other files than the step's edits");
        }
        PreparedChange change;
        try {
            change = prepare(repository, baseRef, headSha, edits, limits, now::get);
        } catch (ToolException e) {
            throw precondition("the change no longer applies to " + baseRef + ": " + e.getMessage());
        }
        if (!change.diff().equals(preview.diff())) {
            throw precondition("the change no longer comes out as the approved diff; nothing was pushed");
        }
        return change;
    }

    private static String describe(String blob) {
        return blob == null ? "absent" : "blob " + blob.substring(0, Math.min(7, blob.length()));
    }

    private static ToolException precondition(String message) {
        return new ToolException(ToolFailure.PRECONDITION_FAILED, message, null);
    }

    /** The base file as text, {@code null} when absent; refuses what a proposed change must not touch. */
    private static String baseText(String argument, String path, BaseFile base, ChangeLimits limits) {
        switch (base.kind()) {
            case ABSENT -> {
                return null;
            }
            case SYMLINK -> throw ToolArgs.invalid(argument + ": '" + path + "' is a symbolic link at the base;"
                    + " links are never changed");
            case SUBMODULE -> throw ToolArgs.invalid(argument + ": '" + path + "' is a submodule at the base");
            case DIRECTORY -> throw ToolArgs.invalid(argument + ": '" + path + "' is a directory at the base");
            default -> {
                byte[] bytes = base.content();
                if (bytes.length > limits.maxFileBytes()) {
                    throw ToolArgs.invalid(argument + ": '" + path + "' is " + bytes.length + " bytes at the base, more"
                            + " than the limit of " + limits.maxFileBytes() + " bytes per file");
                }
                for (byte b : bytes) {
                    if (b == 0) {
                        throw ToolArgs.invalid(argument + ": '" + path + "' is a binary file at the base; only text"
                                + " files can be changed");
                    }
                }
                try {
                    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    throw ToolArgs.invalid(argument + ": '" + path + "' is not UTF-8 text at the base; only text files"
                            + " can be changed");
                }
            }
        }
    }

    public String repository() {
        return repository;
    }

    public String baseRef() {
        return baseRef;
    }

    /** The commit the change is made on: the base's head when it was read. */
    public String baseCommitSha() {
        return baseCommitSha;
    }

    public List<FileChange> files() {
        return files;
    }

    /** The unified diff, git's format. */
    public String diff() {
        return diff;
    }

    /**
     * What the runtime stores with the step: a one-line summary, the diff, and the basis (repository, base
     * ref and commit, each file's blob before and after) the step is checked against when it runs.
     */
    public StepPreview preview() {
        ObjectNode basis = F.objectNode();
        basis.put("repository", repository);
        ObjectNode base = basis.putObject("base");
        base.put("ref", baseRef);
        base.put("sha", baseCommitSha);
        ArrayNode list = basis.putArray("files");
        for (FileChange f : files) {
            ObjectNode n = list.addObject();
            n.put("path", f.path());
            n.put("baseBlob", f.baseBlobSha());
            n.put("newBlob", f.newBlobSha());
        }
        String summary = files.size() + (files.size() == 1 ? " file" : " files") + " in " + repository + " from " + baseRef
                + "@" + baseCommitSha.substring(0, Math.min(7, baseCommitSha.length())) + ": +" + added + " -" + removed;
        return new StepPreview(summary, diff, basis);
    }
}
