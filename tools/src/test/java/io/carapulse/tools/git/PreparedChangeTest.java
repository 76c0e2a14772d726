package io.carapulse.tools.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff a proposed change is approved with, checked against the real {@code git}: the diff this code
 * computes is the one {@code git diff} prints for the same edit, {@code git apply} turns the base into the
 * proposed content with it, and a patch {@code git diff} printed is applied to the same result. Then the
 * refusals at plan time and the precondition at execution.
 */
class PreparedChangeTest {

    private static final String VALUES = "replicaCount: 2\nimage:\n  repository: acme/web\n  tag: \"1.4.1\"\n"
            + "resources:\n  limits:\n    cpu: 500m\n    memory: 256Mi\nservice:\n  port: 8080\n";

    @TempDir
    Path dir;

    private final Map<String, BaseFile> base = new HashMap<>();

    private BaseFile read(String path) {
        return base.getOrDefault(path, BaseFile.absent(path));
    }

    private void baseFile(String path, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        base.put(path, BaseFile.file(path, GitBlob.sha1(b), b));
    }

    private static ChangeEdits files(Map<String, String> files) {
        return ChangeEdits.parse(Optional.of(files), Optional.empty(), ChangeLimits.DEFAULT);
    }

    private static ChangeEdits patch(String patch) {
        return ChangeEdits.parse(Optional.empty(), Optional.of(patch), ChangeLimits.DEFAULT);
    }

    private PreparedChange prepare(ChangeEdits edits) {
        return PreparedChange.prepare("acme/web", "main", "1a2b3c4d5e6f", edits, ChangeLimits.DEFAULT, this::read);
    }

    @Test
    void theDiffIsWhatGitDiffPrintsAndGitApplyMakesTheProposedFiles() throws Exception {
        String newValues = VALUES.replace("1.4.1", "1.4.2").replace("replicaCount: 2", "replicaCount: 3");
        String notes = "Rolled web to 1.4.2\nno newline at the end";
        baseFile("helm/values/prod/web.yaml", VALUES);
        PreparedChange change = prepare(files(Map.of("helm/values/prod/web.yaml", newValues,
                "helm/values/prod/NOTES.txt", notes)));

        Git git = Git.init(dir.resolve("repo"));
        git.write("helm/values/prod/web.yaml", VALUES);
        git.commitAll();
        git.write("helm/values/prod/web.yaml", newValues);
        git.write("helm/values/prod/NOTES.txt", notes);
        git.run("add", "-A");
        String gitDiff = git.run("diff", "--cached", "--no-color", "--no-renames");

        assertThat(change.diff()).isEqualTo(withoutIndexLines(gitDiff));
        git.run("reset", "-q", "--hard");
        git.apply(change.diff());
        assertThat(git.read("helm/values/prod/web.yaml")).isEqualTo(newValues);
        assertThat(git.read("helm/values/prod/NOTES.txt")).isEqualTo(notes);

        StepPreview preview = change.preview();
        assertThat(preview.summary()).isEqualTo("2 files in acme/web from main@1a2b3c4: +4 -2");
        assertThat(preview.basis().path("files").findValuesAsText("path"))
                .containsExactly("helm/values/prod/NOTES.txt", "helm/values/prod/web.yaml");
        assertThat(preview.basis().path("files").get(0).path("baseBlob").isNull()).isTrue();
        assertThat(preview.basis().path("files").get(1).path("baseBlob").asText())
                .isEqualTo(git.hashObject(VALUES));
        assertThat(preview.basis().path("files").get(1).path("newBlob").asText()).isEqualTo(git.hashObject(newValues));
    }

    @Test
    void aPatchGitPrintedIsAppliedExactlyIncludingADeletionAndAFinalNewlineChange() throws Exception {
        Git git = Git.init(dir.resolve("repo"));
        git.write("deploy/web.yaml", VALUES);
        git.write("deploy/old.yaml", "a: 1\nb: 2\n");
        git.write("deploy/tail.txt", "x\ny");
        git.commitAll();
        baseFile("deploy/web.yaml", VALUES);
        baseFile("deploy/old.yaml", "a: 1\nb: 2\n");
        baseFile("deploy/tail.txt", "x\ny");
        String edited = VALUES.replace("cpu: 500m", "cpu: 750m");
        git.write("deploy/web.yaml", edited);
        git.write("deploy/tail.txt", "x\ny\n");
        Files.delete(git.root.resolve("deploy/old.yaml"));
        git.run("add", "-A");
        String gitDiff = git.run("diff", "--cached", "--no-color", "--no-renames");

        PreparedChange change = prepare(patch(gitDiff));

        assertThat(change.files()).extracting(FileChange::path)
                .containsExactly("deploy/old.yaml", "deploy/tail.txt", "deploy/web.yaml");
        assertThat(change.files().get(0).deletes()).isTrue();
        assertThat(new String(change.files().get(1).newContent(), StandardCharsets.UTF_8)).isEqualTo("x\ny\n");
        assertThat(new String(change.files().get(2).newContent(), StandardCharsets.UTF_8)).isEqualTo(edited);
        assertThat(change.diff()).isEqualTo(withoutIndexLines(gitDiff));
    }

    @Test
    void whatAChangeMayNotTouchIsRefusedNamingTheArgumentAndPath() {
        assertRefused(() -> files(Map.of("helm/values/prod/../../../etc/passwd", "x")), "files: path", "contains '..'");
        assertRefused(() -> files(Map.of("/etc/passwd", "x")), "is absolute");
        assertRefused(() -> files(Map.of(".git/config", "x")), "inside .git");
        assertRefused(() -> files(Map.of("a//b", "x")), "empty segment");
        assertRefused(() -> files(Map.of("bin/tool", "ELF\0\0")), "files.bin/tool: binary content");
        assertRefused(() -> ChangeEdits.parse(Optional.of(Map.of("big.txt", "x".repeat(11))), Optional.empty(),
                new ChangeLimits(10, 5)), "files.big.txt: 11 bytes is more than the limit of 10 bytes");
        assertRefused(() -> ChangeEdits.parse(Optional.of(Map.of("a", "1", "b", "2", "c", "3")), Optional.empty(),
                new ChangeLimits(10, 2)), "at most 2 files");
        assertRefused(() -> ChangeEdits.parse(Optional.of(Map.of("a", "1")), Optional.of("--- a/a"), ChangeLimits.DEFAULT),
                "exactly one of files");
        assertRefused(() -> patch("--- a/old.yaml\n+++ b/new.yaml\n@@ -1 +1 @@\n-a\n+b\n"), "renames are not supported");
        assertRefused(() -> patch("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n"), "hunk ends early");

        base.put("deploy/current", BaseFile.other("deploy/current", BaseFile.Kind.SYMLINK, "abc"));
        assertRefused(() -> prepare(files(Map.of("deploy/current", "x"))), "'deploy/current' is a symbolic link");
        base.put("vendor/lib", BaseFile.other("vendor/lib", BaseFile.Kind.SUBMODULE, "abc"));
        assertRefused(() -> prepare(files(Map.of("vendor/lib", "x"))), "is a submodule");
        base.put("logo.png", BaseFile.file("logo.png", "abc", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1}));
        assertRefused(() -> prepare(files(Map.of("logo.png", "x"))), "is a binary file at the base");
        base.put("latin1.txt", BaseFile.file("latin1.txt", "abc", new byte[]{'c', 'a', 'f', (byte) 0xe9}));
        assertRefused(() -> prepare(files(Map.of("latin1.txt", "x"))), "is not UTF-8 text");
        baseFile("same.yaml", VALUES);
        assertRefused(() -> prepare(files(Map.of("same.yaml", VALUES))), "'same.yaml' would not change");
        baseFile("deploy/web.yaml", VALUES);
        assertRefused(() -> prepare(patch("--- a/deploy/web.yaml\n+++ b/deploy/web.yaml\n@@ -2,1 +2,1 @@\n-replicaCount: 2\n"
                + "+replicaCount: 3\n")), "hunk 1 of 'deploy/web.yaml' does not apply at line 2");
        assertRefused(() -> prepare(patch("--- /dev/null\n+++ b/deploy/web.yaml\n@@ -0,0 +1 @@\n+x\n")),
                "creates 'deploy/web.yaml', which already exists");
    }

    @Test
    void pathsOutsideTheRepositorysPrefixesAreNamed() {
        ChangeEdits edits = files(Map.of("helm/values/prod/web.yaml", "x", "helm/values/staging/web.yaml", "y",
                "CODEOWNERS", "z"));
        assertThat(edits.pathProblems(List.of("helm/values/prod/", "CODEOWNERS"))).containsExactly(
                "files: 'helm/values/staging/web.yaml' is outside the paths changes may write in this repository"
                        + " [helm/values/prod/, CODEOWNERS]");
        assertThat(edits.pathProblems(List.of("helm/values/"))).hasSize(1).allMatch(p -> p.contains("CODEOWNERS"));
    }

    @Test
    void atExecutionTheApprovedChangeIsMadeOnlyIfNoBaseFileMoved() {
        baseFile("helm/values/prod/web.yaml", VALUES);
        ChangeEdits edits = files(Map.of("helm/values/prod/web.yaml", VALUES.replace("1.4.1", "1.4.2"),
                "helm/values/prod/new.yaml", "x: 1\n"));
        StepPreview approved = prepare(edits).preview();

        // another commit on main that touches neither file: the change is made on the new head
        PreparedChange now = PreparedChange.approved(Optional.of(approved), "acme/web", "main", "99aa", edits,
                ChangeLimits.DEFAULT, this::read);
        assertThat(now.baseCommitSha()).isEqualTo("99aa");
        assertThat(now.diff()).isEqualTo(approved.diff());

        assertPrecondition(() -> PreparedChange.approved(Optional.empty(), "acme/web", "main", "99aa", edits,
                ChangeLimits.DEFAULT, this::read), "no approved diff");
        assertPrecondition(() -> PreparedChange.approved(Optional.of(approved), "acme/api", "main", "99aa", edits,
                ChangeLimits.DEFAULT, this::read), "is for acme/web from main");

        baseFile("helm/values/prod/new.yaml", "someone: else\n");
        assertPrecondition(() -> PreparedChange.approved(Optional.of(approved), "acme/web", "main", "99aa", edits,
                ChangeLimits.DEFAULT, this::read), "'helm/values/prod/new.yaml' changed on main since the diff was approved"
                + " (absent then, blob ");
        base.remove("helm/values/prod/new.yaml");
        baseFile("helm/values/prod/web.yaml", VALUES + "extra: true\n");
        assertPrecondition(() -> PreparedChange.approved(Optional.of(approved), "acme/web", "main", "99aa", edits,
                ChangeLimits.DEFAULT, this::read), "nothing was pushed");

        baseFile("helm/values/prod/web.yaml", VALUES);
        StepPreview tampered = new StepPreview(approved.summary(), approved.diff().replace("1.4.2", "9.9.9"),
                approved.basis());
        assertPrecondition(() -> PreparedChange.approved(Optional.of(tampered), "acme/web", "main", "99aa", edits,
                ChangeLimits.DEFAULT, this::read), "no longer comes out as the approved diff");
    }

    @Test
    void blobShasAreGitsObjectIds() throws Exception {
        Git git = Git.init(dir.resolve("repo"));
        for (String s : List.of("", "x", VALUES, "héllo\n")) {
            assertThat(GitBlob.sha1(s.getBytes(StandardCharsets.UTF_8))).isEqualTo(git.hashObject(s));
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... parts) {
        assertThatThrownBy(call).isInstanceOf(ToolException.class)
                .satisfies(e -> assertThat(((ToolException) e).failure()).isEqualTo(ToolFailure.INVALID_ARGUMENTS))
                .message().contains(parts);
    }

    private static void assertPrecondition(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String part) {
        assertThatThrownBy(call).isInstanceOf(ToolException.class)
                .satisfies(e -> assertThat(((ToolException) e).failure()).isEqualTo(ToolFailure.PRECONDITION_FAILED))
                .hasMessageContaining(part);
    }

    /** git's diff without its {@code index} lines and the function context after a hunk header, which this code does not print. */
    private static String withoutIndexLines(String gitDiff) {
        return gitDiff.lines().filter(l -> !l.startsWith("index "))
                .map(l -> l.startsWith("@@ ") ? l.substring(0, l.indexOf(" @@", 3) + 3) : l)
                .map(l -> l + "\n").collect(Collectors.joining());
    }

    /** The real git in a temporary repository. */
    private static final class Git {
        final Path root;

        private Git(Path root) {
            this.root = root;
        }

        static Git init(Path root) throws Exception {
            Files.createDirectories(root);
            Git git = new Git(root);
            git.run("init", "-q", "-b", "main");
            git.run("config", "user.email", "t@example.com");
            git.run("config", "user.name", "t");
            return git;
        }

        void write(String path, String text) throws IOException {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent() == null ? root : p.getParent());
            Files.writeString(p, text);
        }

        String read(String path) throws IOException {
            return Files.readString(root.resolve(path));
        }

        void commitAll() throws Exception {
            run("add", "-A");
            run("commit", "-q", "-m", "base");
        }

        String hashObject(String content) throws Exception {
            Path f = Files.createTempFile(root.getParent(), "blob", ".txt");
            Files.writeString(f, content);
            return run("hash-object", f.toString()).strip();
        }

        void apply(String diff) throws Exception {
            Path f = Files.createTempFile(root.getParent(), "change", ".diff");
            Files.writeString(f, diff);
            run("apply", "--whitespace=nowarn", f.toString());
        }

        String run(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false", "-c", "diff.noprefix=false"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
            return out;
        }
    }
}
