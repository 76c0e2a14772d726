package io.carapulse.tools.lease;

import io.carapulse.tools.process.PrivateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one tool call gets from the credentials: environment variables and files (a kubeconfig, a
 * CA bundle), written with mode 0600 in a private directory of its own (mode 0700), made with the
 * first file or directory (a lease of variables only touches no disk). The call passes
 * {@link #env()} to the process runner and {@link #secretValues()} to the redactor, and closes the
 * lease when it ends: {@link #close()} deletes the files and forgets the values, so they live only as
 * long as the call (S4). Secrets never appear in {@link #toString()}. Not thread-safe: one call, one
 * thread builds it.
 */
public final class CredentialLease implements AutoCloseable {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Names that hold a credential: never a setting. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i).*(secret|passw|token|credential|access_?key|private|auth|session|cookie|api_?key|external_?id).*");

    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private PrivateDirectory directory;
    private boolean closed;

    private CredentialLease() {
    }

    /** A new, empty lease; its private directory is made when something is written into it. */
    public static CredentialLease open() {
        return new CredentialLease();
    }

    /**
     * Writes {@code content} to a file called {@code name} in the lease's directory, mode 0600 from
     * creation. The content (and its base64 forms) becomes a secret value.
     *
     * @param name a plain file name fixed by the adapter, e.g. {@code kubeconfig}; no separators
     * @return the file's absolute path, to hand to the CLI through {@link #putEnv} or an argument
     * @throws IllegalArgumentException for a bad or already used name
     * @throws UncheckedIOException     when the file cannot be written
     */
    public Path write(String name, byte[] content) {
        ensureOpen();
        Objects.requireNonNull(content, "content");
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lease file name must be a plain file name: " + name);
        }
        if (files.containsKey(name)) {
            throw new IllegalArgumentException("lease file already written: " + name);
        }
        Path file = directory().resolve(name);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write lease file " + name, e);
        }
        files.put(name, file);
        addSecretForms(new String(content, StandardCharsets.UTF_8), content.clone());
        return file;
    }

    /**
     * Creates an empty directory called {@code name} in the lease's directory, mode 0700 from
     * creation, for a CLI's private state during the call (e.g. a cache it fills in one process and
     * reads in the next). Deleted with everything in it by {@link #close()}. Its path, like a file's,
     * is not a secret when handed over with {@link #putEnv}.
     *
     * @param name a plain name fixed by the adapter, e.g. {@code repository-cache}; no separators
     * @return the directory's absolute path
     * @throws IllegalArgumentException for a bad or already used name
     * @throws UncheckedIOException     when it cannot be created
     */
    public Path createDirectory(String name) {
        ensureOpen();
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lease directory name must be a plain file name: " + name);
        }
        if (files.containsKey(name)) {
            throw new IllegalArgumentException("lease name already used: " + name);
        }
        Path dir = directory().resolve(name);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create lease directory " + name, e);
        }
        files.put(name, dir);
        return dir;
    }

    /**
     * Sets an environment variable for the call; its value becomes a secret value unless it is the
     * path of one of this lease's files or directories (a path is not a secret, and masking it would
     * hide where the CLI looked).
     */
    public CredentialLease putEnv(String name, String value) {
        ensureOpen();
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid environment variable name: " + name);
        }
        Objects.requireNonNull(value, "value");
        env.put(name, value);
        if (files.values().stream().noneMatch(p -> p.toString().equals(value))) {
            addSecretForms(value, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /**
     * Sets an environment variable that is not a secret (a region, a flag: {@code AWS_REGION=eu-west-1}),
     * so its value is not masked in the call's output; masking {@code eu-west-1} or {@code true}
     * everywhere would ruin the output and protect nothing. A name that looks like a credential's
     * ({@code …SECRET…}, {@code …TOKEN…}, {@code …ACCESS_KEY…}, {@code …SESSION…}, {@code …PASSWORD…} …)
     * is refused: such a value goes through {@link #putEnv}.
     *
     * @throws IllegalArgumentException for a bad name, or one that looks like a credential's
     */
    public CredentialLease putSetting(String name, String value) {
        ensureOpen();
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid environment variable name: " + name);
        }
        if (CREDENTIAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(name + " looks like a credential; lease it with putEnv so it is masked");
        }
        env.put(name, Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Declares a value that must be masked although it is neither an env value nor a whole file, e.g.
     * the token inside a kubeconfig (output is redacted line by line, so a multi-line file is only
     * masked whole when it appears whole).
     */
    public CredentialLease addSecret(String value) {
        ensureOpen();
        addSecretForms(Objects.requireNonNull(value, "value"), value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The variables to add to the process environment; a copy. */
    public Map<String, String> env() {
        ensureOpen();
        return Map.copyOf(env);
    }

    /**
     * Every secret this lease holds, for {@code Redactor.with(...)}: env values, file contents, added
     * secrets, and each of them in standard, unpadded and URL-safe base64.
     */
    public List<String> secretValues() {
        ensureOpen();
        return List.copyOf(secrets);
    }

    /**
     * The private directory the files live in, created (mode 0700) on first use.
     *
     * @throws IllegalStateException when the lease was closed before it had a directory
     * @throws UncheckedIOException  when the directory cannot be created
     */
    public Path directory() {
        if (directory == null) {
            ensureOpen();
            directory = PrivateDirectory.create("carapulse-lease-");
        }
        return directory.path();
    }

    /** Deletes the files and the directory and forgets every value. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (directory != null) {
            directory.close();
        }
        env.clear();
        files.clear();
        secrets.clear();
    }

    /** Names only; never values. */
    @Override
    public String toString() {
        return "CredentialLease[env=" + env.keySet() + ", files=" + files.keySet() + (closed ? ", closed" : "") + "]";
    }

    private void addSecretForms(String text, byte[] bytes) {
        List<String> forms = new ArrayList<>(List.of(text, text.strip()));
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.stream().filter(f -> !f.isBlank()).forEach(secrets::add);
        Arrays.fill(bytes, (byte) 0);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("credential lease already closed");
        }
    }
}
