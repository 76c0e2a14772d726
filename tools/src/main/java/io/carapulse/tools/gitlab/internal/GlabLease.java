package io.carapulse.tools.gitlab.internal;

import io.carapulse.tools.lease.CredentialLease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What one {@code glab} run gets (S4): the token in {@code GITLAB_TOKEN} (masked everywhere), the
 * instance in {@code GITLAB_HOST}, an empty configuration directory of its own in {@code GLAB_CONFIG_DIR}
 * so no {@code glab} configuration of the server's user is read (and no host, token or alias of it is
 * used), no prompts, no update check, no telemetry, no colour. The process runner adds this to an
 * environment it already scrubbed. A request body travels as a 0600 file in the lease's directory
 * ({@code --input <file>}), never in argv; closing the lease deletes it.
 */
public final class GlabLease implements AutoCloseable {

    private final CredentialLease lease;
    private Path requests;
    private int files;

    private GlabLease(CredentialLease lease) {
        this.lease = lease;
    }

    /**
     * A lease for one run against {@code baseUrl} ({@code https://gitlab.example.com}) with {@code token}.
     */
    public static GlabLease open(String baseUrl, String token) {
        CredentialLease lease = CredentialLease.open();
        try {
            Path config = lease.createDirectory("glab-config");
            lease.putEnv("GITLAB_TOKEN", token)
                    .putEnv("GLAB_CONFIG_DIR", config.toString())
                    .putSetting("GITLAB_HOST", baseUrl)
                    .putSetting("NO_PROMPT", "1")
                    .putSetting("GLAB_CHECK_UPDATE", "false")
                    .putSetting("GLAB_SEND_TELEMETRY", "false")
                    .putSetting("NO_COLOR", "1");
            return new GlabLease(lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The lease as {@link io.carapulse.tools.cli.CliInvoker} takes it. */
    public CredentialLease cliLease() {
        return lease;
    }

    /**
     * Writes a request body to a 0600 file of the lease (not a secret: the body of a merge request or a
     * commit is what the step shows anyway) and returns its path, for {@code --input}.
     */
    public Path body(String json) {
        try {
            if (requests == null) {
                requests = lease.createDirectory("requests");
            }
            Path file = requests.resolve("body-" + (++files) + ".json");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the request body for glab", e);
        }
    }

    /** Deletes the directory and forgets the token. Idempotent. */
    @Override
    public void close() {
        lease.close();
    }

    @Override
    public String toString() {
        return "GlabLease[" + lease + "]";
    }
}
