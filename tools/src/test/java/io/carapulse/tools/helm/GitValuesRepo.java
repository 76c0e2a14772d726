package io.carapulse.tools.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Git repository of Helm values for tests, made with the real {@code git}: a work tree with
 * the given files committed on {@code main} and pushed to a bare repository, reachable by a
 * {@code file://} URL.
 */
final class GitValuesRepo {

    static final Path GIT = findGit();

    private final Path bare;
    private final String commit;

    private GitValuesRepo(Path bare, String commit) {
        this.bare = bare;
        this.commit = commit;
    }

    /** Commits {@code files} (path → content; a content starting with {@code ->} makes a symlink) and pushes. */
    static GitValuesRepo create(Path dir, Map<String, String> files) throws IOException, InterruptedException {
        Path work = dir.resolve("values-work");
        Path bare = dir.resolve("values.git");
        git(dir, "init", "-q", "-b", "main", work.toString());
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = work.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            if (f.getValue().startsWith("->")) {
                Files.createSymbolicLink(file, Path.of(f.getValue().substring(2)));
            } else {
                Files.writeString(file, f.getValue());
            }
        }
        git(work, "add", "-A");
        git(work, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "values");
        git(dir, "init", "-q", "--bare", "-b", "main", bare.toString());
        git(work, "push", "-q", bare.toString(), "main");
        return new GitValuesRepo(bare, git(work, "rev-parse", "HEAD").strip());
    }

    /** {@code file:///…/values.git}. */
    String url() {
        return "file://" + bare.toAbsolutePath();
    }

    /** The commit on {@code main}. */
    String commit() {
        return commit;
    }

    private static String git(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(GIT.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", cwd.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static Path findGit() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path git = Path.of(d.isEmpty() ? "." : d, "git");
            if (git.isAbsolute() && Files.isExecutable(git)) {
                return git;
            }
        }
        throw new IllegalStateException("the tests of values_ref need the real git on the PATH");
    }
}
