package io.carapulse.cli.connect;

import com.fasterxml.jackson.core.JacksonException;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reads and writes {@code config.yaml}; writes are atomic and leave the file readable by its owner only. */
public final class ConfigStore {

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The config, or an empty one when the file does not exist. */
    public CliConfig load() {
        if (!Files.isRegularFile(file)) {
            return CliConfig.empty();
        }
        try {
            CliConfig config = Json.yamlStrict().readValue(file.toFile(), CliConfig.class);
            return config == null ? CliConfig.empty() : config;
        } catch (JacksonException e) {
            throw new CliException(ExitCode.USAGE, file + " is not a valid config: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    public void save(CliConfig config) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = Files.createTempFile(dir, ".config-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Json.yamlStrict().writeValue(temp.toFile(), config);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
