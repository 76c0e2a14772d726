package io.carapulse.tools.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's own {@code keytool} (no other
 * tool or library): a PKCS#12 keystore for WireMock's HTTPS port and the certificate as PEM, which the real
 * {@code gh} trusts through {@code SSL_CERT_FILE} (Go accepts a self-signed certificate in its roots).
 */
public record GitHubTls(Path keystore, Path certificate) {

    public static final String PASSWORD = "carapulse-test";

    public static GitHubTls create(Path dir) {
        Path keystore = dir.resolve("wiremock.p12");
        Path cert = dir.resolve("wiremock.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "wiremock", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        run(List.of(keytool, "-exportcert", "-alias", "wiremock", "-rfc", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", cert.toString()));
        return new GitHubTls(keystore, cert);
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
