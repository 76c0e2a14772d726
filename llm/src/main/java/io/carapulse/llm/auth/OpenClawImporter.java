package io.carapulse.llm.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Imports OpenClaw's {@code auth-profiles.json}: per agent at
 * {@code <state>/agents/<agentId>/agent/auth-profiles.json}, legacy single-agent at
 * {@code <state>/agent/auth-profiles.json}, where {@code <state>} is {@code $OPENCLAW_STATE_DIR} or
 * {@code ~/.openclaw}. Its {@code openai-codex} profiles ({@code oauth}, {@code token}) are imported;
 * {@code expires} is epoch MILLISECONDS. When only an archive
 * ({@code auth-profiles.json.sqlite-import.<ts>.bak}) is left, OpenClaw has moved its profiles into
 * SQLite, and the importer says so instead of importing the stale archive.
 */
public final class OpenClawImporter {

    static final String FILE_NAME = "auth-profiles.json";
    static final ProfileImport.PreviousOwner OPENCLAW = new ProfileImport.PreviousOwner("OpenClaw",
            "`openclaw models auth login --provider openai-codex`");

    private final ProfileStore store;
    private final AuthEnv env;
    private final Clock clock;

    public OpenClawImporter(ProfileStore store, AuthEnv env, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.env = Objects.requireNonNull(env, "env");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The profile files that exist: every agent's, then the legacy one. */
    public List<Path> discover() {
        return candidates().stream().filter(Files::isRegularFile).toList();
    }

    /**
     * Imports the one profile file there is.
     *
     * @throws AuthImportException when there is none (saying so when OpenClaw moved to SQLite) or
     *                             several (listing them, to pass one to {@link #importFrom})
     */
    public ImportResult importDefault() {
        List<Path> found = discover();
        if (found.size() == 1) {
            return importFrom(found.get(0));
        }
        Path state = env.openClawStateDir();
        if (found.isEmpty()) {
            List<Path> archives = candidates().stream().flatMap(p -> archives(p).stream()).toList();
            if (!archives.isEmpty()) {
                throw new AuthImportException(movedToSqlite(archives.get(0)));
            }
            throw new AuthImportException("no OpenClaw auth profiles under " + state + " (looked for agents/<agentId>/agent/"
                    + FILE_NAME + " and agent/" + FILE_NAME + "; set OPENCLAW_STATE_DIR if OpenClaw keeps its state elsewhere)");
        }
        throw new AuthImportException(found.size() + " OpenClaw profile files under " + state + ": "
                + String.join(", ", found.stream().map(Path::toString).toList()) + "; import one with "
                + "`assistantctl llm auth import --openclaw-auth <path>`");
    }

    /** @throws AuthImportException when the file is missing (or archived), unreadable, or not OpenClaw's format */
    public ImportResult importFrom(Path authProfiles) {
        Path file = authProfiles.toAbsolutePath();
        JsonNode root = SourceJson.readObject(file, () -> archives(file).stream().findFirst()
                .map(OpenClawImporter::movedToSqlite)
                .orElse("no OpenClaw auth profiles at " + file));
        JsonNode profiles = root.get("profiles");
        if (profiles == null || !profiles.isObject()) {
            throw new AuthImportException(file + " has no \"profiles\" object: is it an OpenClaw auth-profiles.json?");
        }
        OpenClawProfiles parsed = OpenClawProfiles.parse(file, profiles, root.get("order"), clock.instant());
        return ProfileImport.save(store, "openclaw:" + file, OPENCLAW, parsed.profiles(), parsed.preferred(),
                parsed.skipped(), List.of());
    }

    private List<Path> candidates() {
        Path state = env.openClawStateDir();
        List<Path> paths = new ArrayList<>();
        Path agents = state.resolve("agents");
        if (Files.isDirectory(agents)) {
            try (Stream<Path> dirs = Files.list(agents)) {
                dirs.sorted().forEach(d -> paths.add(d.resolve("agent").resolve(FILE_NAME)));
            } catch (IOException e) {
                throw new AuthImportException("cannot list " + agents + ": " + e.getClass().getSimpleName());
            }
        }
        paths.add(state.resolve("agent").resolve(FILE_NAME));
        return paths;
    }

    /** {@code auth-profiles.json.sqlite-import.<ts>.bak} next to the file, newest name first. */
    static List<Path> archives(Path file) {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        String prefix = file.getFileName() + ".sqlite-import.";
        try (Stream<Path> siblings = Files.list(dir)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(".bak"))
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String movedToSqlite(Path archive) {
        return "OpenClaw moved its auth profiles into SQLite and archived the JSON file as " + archive
                + "; Carapulse does not read OpenClaw's SQLite store, and the archive's refresh token is most likely"
                + " spent. Sign in for Carapulse with `assistantctl llm auth login`, or give tokens by hand with"
                + " `assistantctl llm auth import --access-token … --refresh-token …`";
    }
}
