package io.carapulse.cli.command.system;

import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.connect.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code doctor}'s look at the local files that hold secrets: the local admin token, the LLM auth
 * profiles, and config.yaml (which may keep tokens). Each must be readable by its owner only.
 */
final class LocalFiles {

    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final CliEnvironment env;

    LocalFiles(CliEnvironment env) {
        this.env = env;
    }

    List<Check> check() {
        return List.of(
                file(Home.tokenFile(env), "local admin token"),
                file(Home.authProfilesFile(env), "LLM auth profiles"),
                file(Home.configFile(env), "contexts"));
    }

    private static Check file(Path path, String what) {
        if (!Files.exists(path)) {
            return Check.ok("file", path + " (" + what + "): absent");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            String mode = PosixFilePermissions.toString(perms);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                return Check.fail("file", path + " (" + what + "): " + mode + ", readable by others; chmod 600 " + path);
            }
            return Check.ok("file", path + " (" + what + "): " + mode);
        } catch (UnsupportedOperationException e) {
            return Check.warn("file", path + " (" + what + "): permissions not checkable on this file system");
        } catch (IOException e) {
            return Check.fail("file", path + " (" + what + "): cannot read its permissions: " + e.getMessage());
        }
    }
}
