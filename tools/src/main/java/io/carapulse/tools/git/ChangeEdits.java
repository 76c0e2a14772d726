package io.carapulse.tools.git;

import io.carapulse.tools.family.ToolArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The edits a {@code propose-change} step asks for, parsed once from its arguments: either {@code files}
 * (path → the file's whole new content, creating or replacing it) or {@code patch} (a unified patch in
 * git's format, which may also delete a file). Everything that can be judged without the repository is
 * judged here, so a plan that could never be pushed is refused before it is stored: the paths
 * ({@link ChangePaths}), binary content (a NUL character), the size of each file and the number of files.
 */
public final class ChangeEdits {

    private final Map<String, String> contents; // files: path -> new content
    private final Map<String, UnifiedPatch.FilePatch> patches; // patch: path -> its hunks

    private ChangeEdits(Map<String, String> contents, Map<String, UnifiedPatch.FilePatch> patches) {
        this.contents = contents;
        this.patches = patches;
    }

    /** Parses the two arguments; {@code invalid_arguments} naming the argument and path at fault. */
    public static ChangeEdits parse(Optional<Map<String, String>> files, Optional<String> patch, ChangeLimits limits) {
        if (files.isPresent() == patch.isPresent()) {
            throw ToolArgs.invalid("give exactly one of files (path -> new content) and patch (a unified diff)");
        }
        if (files.isPresent()) {
            Map<String, String> contents = new TreeMap<>();
            if (files.get().isEmpty()) {
                throw ToolArgs.invalid("files: name at least one file");
            }
            for (Map.Entry<String, String> e : files.get().entrySet()) {
                String path = e.getKey();
                Optional<String> problem = ChangePaths.problem(path);
                if (problem.isPresent()) {
                    throw ToolArgs.invalid("files: " + problem.get());
                }
                String content = e.getValue();
                if (content.indexOf('\0') >= 0) {
                    throw ToolArgs.invalid("files." + path + ": binary content (a NUL character) cannot be proposed; only"
                            + " text files can be changed");
                }
                int bytes = content.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > limits.maxFileBytes()) {
                    throw ToolArgs.invalid("files." + path + ": " + bytes + " bytes is more than the limit of "
                            + limits.maxFileBytes() + " bytes per file");
                }
                contents.put(path, content);
            }
            requireCount(contents.size(), limits);
            return new ChangeEdits(contents, Map.of());
        }
        String text = patch.get();
        if (text.indexOf('\0') >= 0) {
            throw ToolArgs.invalid("patch: binary content (a NUL character) cannot be proposed");
        }
        Map<String, UnifiedPatch.FilePatch> parsed = new TreeMap<>(UnifiedPatch.parse(text));
        requireCount(parsed.size(), limits);
        return new ChangeEdits(Map.of(), parsed);
    }

    private static void requireCount(int count, ChangeLimits limits) {
        if (count > limits.maxFiles()) {
            throw ToolArgs.invalid("a change may touch at most " + limits.maxFiles() + " files; this one names " + count);
        }
    }

    /** The paths the change touches, sorted. */
    public List<String> paths() {
        return new ArrayList<>(contents.isEmpty() ? patches.keySet() : contents.keySet());
    }

    /** The argument the edits came from, for messages: {@code files} or {@code patch}. */
    public String argument() {
        return contents.isEmpty() ? "patch" : "files";
    }

    /**
     * S6: one line per path outside the repository's {@code paths} prefixes (a prefix ending in '/' covers a
     * directory, any other exactly one file), naming the argument; empty when every path is allowed.
     */
    public List<String> pathProblems(List<String> allowedPrefixes) {
        List<String> problems = new ArrayList<>();
        for (String path : paths()) {
            if (!ChangePaths.under(path, allowedPrefixes)) {
                problems.add(argument() + ": '" + path + "' is outside the paths changes may write in this repository "
                        + allowedPrefixes);
            }
        }
        return problems;
    }

    /**
     * The file's content after the change, from its content at the base; {@code null} when the change deletes
     * it. {@code invalid_arguments} when the edit does not fit the base (a patch that does not apply, a file
     * to create that exists).
     */
    String after(String path, BaseFile base, String baseText) {
        if (!contents.isEmpty()) {
            return contents.get(path);
        }
        UnifiedPatch.FilePatch p = patches.get(path);
        switch (p.kind()) {
            case CREATE -> {
                if (base.kind() != BaseFile.Kind.ABSENT) {
                    throw ToolArgs.invalid("patch: creates '" + path + "', which already exists at the base");
                }
                return Lines.text(UnifiedPatch.apply(p, List.of()));
            }
            case DELETE -> {
                if (base.kind() == BaseFile.Kind.ABSENT) {
                    throw ToolArgs.invalid("patch: deletes '" + path + "', which does not exist at the base");
                }
                List<String> left = UnifiedPatch.apply(p, Lines.of(baseText));
                if (!left.isEmpty()) {
                    throw ToolArgs.invalid("patch: deletes '" + path + "' but its hunks do not remove every line");
                }
                return null;
            }
            default -> {
                if (base.kind() == BaseFile.Kind.ABSENT) {
                    throw ToolArgs.invalid("patch: changes '" + path + "', which does not exist at the base");
                }
                return Lines.text(UnifiedPatch.apply(p, Lines.of(baseText)));
            }
        }
    }
}
