package io.carapulse.tools.git;

import io.carapulse.api.tool.ToolException;
import io.carapulse.tools.family.ToolArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified patch in git's format ({@code git diff}, {@code git format-patch} without the mail header):
 * for each file an optional {@code diff --git} line, {@code ---}/{@code +++} headers with {@code a/} and
 * {@code b/} prefixes or {@code /dev/null}, and hunks. It is applied exactly: every context and removed
 * line must match the base where its hunk says, with no fuzz and no offset, so the change approved is the
 * change made. Renames, copies, mode changes and binary patches are refused.
 */
final class UnifiedPatch {

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** One file's part of the patch: created, changed or deleted. */
    record FilePatch(String path, Kind kind, List<Hunk> hunks) {
        enum Kind { CREATE, MODIFY, DELETE }
    }

    /** A hunk: where it starts in the old file, and its lines with their ' ', '-' or '+' prefix. */
    record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<String> lines) {
    }

    private UnifiedPatch() {
    }

    /** The patch's files, in order, each path once; {@code invalid_arguments} naming the line at fault. */
    static Map<String, FilePatch> parse(String patch) {
        List<String> lines = new ArrayList<>(List.of(patch.replace("\r\n", "\n").split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        Map<String, FilePatch> files = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.startsWith("--- ")) {
                refuseHeader(line, i);
                i++;
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("+++ ")) {
                throw invalid(i + 2, "a '+++' line must follow the '---' line");
            }
            Optional<String> from = side(lines.get(i).substring(4), "a/", i + 1);
            Optional<String> to = side(lines.get(i + 1).substring(4), "b/", i + 2);
            if (from.isEmpty() && to.isEmpty()) {
                throw invalid(i + 1, "both sides are /dev/null");
            }
            if (from.isPresent() && to.isPresent() && !from.get().equals(to.get())) {
                throw invalid(i + 1, "renames are not supported ('" + from.get() + "' -> '" + to.get()
                        + "'); delete the old file and create the new one");
            }
            String path = to.orElseGet(from::get);
            Optional<String> pathProblem = ChangePaths.problem(path);
            if (pathProblem.isPresent()) {
                throw invalid(i + 1, pathProblem.get());
            }
            FilePatch.Kind kind = from.isEmpty() ? FilePatch.Kind.CREATE
                    : to.isEmpty() ? FilePatch.Kind.DELETE : FilePatch.Kind.MODIFY;
            i += 2;
            List<Hunk> hunks = new ArrayList<>();
            while (i < lines.size() && lines.get(i).startsWith("@@")) {
                Matcher m = HUNK.matcher(lines.get(i));
                if (!m.matches()) {
                    throw invalid(i + 1, "a hunk header must read '@@ -start,count +start,count @@'");
                }
                int oldStart = Integer.parseInt(m.group(1));
                int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                int newStart = Integer.parseInt(m.group(3));
                int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
                int header = i + 1;
                i++;
                List<String> body = new ArrayList<>();
                int olds = 0;
                int news = 0;
                while (olds < oldCount || news < newCount) {
                    if (i >= lines.size()) {
                        throw invalid(header, "the hunk ends early (expected " + oldCount + " old and " + newCount
                                + " new lines)");
                    }
                    String l = lines.get(i);
                    char c = l.isEmpty() ? ' ' : l.charAt(0); // an empty context line may lose its space in transit
                    String text = l.isEmpty() ? "" : l.substring(1);
                    if (c == ' ') {
                        olds++;
                        news++;
                    } else if (c == '-') {
                        olds++;
                    } else if (c == '+') {
                        news++;
                    } else {
                        throw invalid(i + 1, "a hunk line must start with ' ', '-' or '+'");
                    }
                    if (olds > oldCount || news > newCount) {
                        throw invalid(header, "the hunk has more lines than its header counts");
                    }
                    i++;
                    if (i < lines.size() && lines.get(i).startsWith("\\")) {
                        text += Lines.MARKER;
                        i++;
                    }
                    body.add(c + text);
                }
                hunks.add(new Hunk(oldStart, oldCount, newStart, newCount, List.copyOf(body)));
            }
            if (hunks.isEmpty() && kind != FilePatch.Kind.CREATE) {
                throw invalid(i, "'" + path + "' has no hunks");
            }
            if (files.put(path, new FilePatch(path, kind, List.copyOf(hunks))) != null) {
                throw invalid(i, "'" + path + "' appears twice in the patch");
            }
        }
        if (files.isEmpty()) {
            throw ToolArgs.invalid("patch: no file in it ('--- a/path' and '+++ b/path' lines, then hunks)");
        }
        return files;
    }

    /** The lines of {@code base} with {@code file}'s hunks applied; {@code invalid_arguments} if they do not apply exactly. */
    static List<String> apply(FilePatch file, List<String> base) {
        List<String> out = new ArrayList<>();
        int next = 0; // index into base of the first line not yet copied
        int n = 0;
        for (Hunk h : file.hunks()) {
            n++;
            int at = h.oldCount() == 0 ? h.oldStart() : h.oldStart() - 1;
            if (at < next || at > base.size()) {
                throw ToolArgs.invalid("patch: hunk " + n + " of '" + file.path() + "' starts at line " + h.oldStart()
                        + ", outside the file or before the previous hunk");
            }
            out.addAll(base.subList(next, at));
            int pos = at;
            for (String l : h.lines()) {
                char c = l.charAt(0);
                String text = l.substring(1);
                if (c == '+') {
                    out.add(text);
                    continue;
                }
                if (pos >= base.size() || !base.get(pos).equals(text)) {
                    throw ToolArgs.invalid("patch: hunk " + n + " of '" + file.path() + "' does not apply at line "
                            + (pos + 1) + " of the base: the base reads differently there");
                }
                if (c == ' ') {
                    out.add(text);
                }
                pos++;
            }
            next = pos;
        }
        out.addAll(base.subList(next, base.size()));
        return out;
    }

    private static Optional<String> side(String header, String prefix, int line) {
        String name = header.contains("\t") ? header.substring(0, header.indexOf('\t')) : header;
        if (name.equals("/dev/null")) {
            return Optional.empty();
        }
        if (!name.startsWith(prefix)) {
            throw invalid(line, "file names must carry git's '" + prefix + "' prefix (as 'git diff' prints them)");
        }
        return Optional.of(name.substring(prefix.length()));
    }

    private static void refuseHeader(String line, int index) {
        if (line.startsWith("rename ") || line.startsWith("copy ") || line.startsWith("similarity index")) {
            throw invalid(index + 1, "renames and copies are not supported");
        }
        if (line.startsWith("old mode") || line.startsWith("new mode")) {
            throw invalid(index + 1, "mode changes are not supported");
        }
        if (line.startsWith("Binary files") || line.startsWith("GIT binary patch")) {
            throw invalid(index + 1, "binary patches are not supported");
        }
        if (line.startsWith("@@") || line.startsWith("+") || line.startsWith("-")) {
            throw invalid(index + 1, "a hunk line outside a file's hunks (or a hunk longer than its header counts)");
        }
        // diff --git, index, new/deleted file mode and any preamble text are ignored
    }

    private static ToolException invalid(int line, String message) {
        return ToolArgs.invalid("patch line " + line + ": " + message);
    }
}
