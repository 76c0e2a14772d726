package io.carapulse.core.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders deploy/kubernetes with the real {@code kubectl kustomize} (kubectl's built-in kustomize, no
 * cluster needed). Skipped when kubectl is absent, unless {@code CARAPULSE_REQUIRE_KUBECTL=true}
 * (.ci/run sets it), then a missing kubectl fails.
 */
final class Kustomize {

    static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    static final String REQUIRE = "CARAPULSE_REQUIRE_KUBECTL";

    private Kustomize() {
    }

    /** The rendered objects of a kustomization under deploy/kubernetes (e.g. {@code overlays/production}). */
    static List<Map<String, Object>> render(String kustomization) throws IOException, InterruptedException {
        if (!Files.isExecutable(KUBECTL)) {
            String why = KUBECTL + " is not installed, so the manifests cannot be rendered";
            if ("true".equals(System.getenv(REQUIRE))) {
                Assertions.fail(REQUIRE + "=true but " + why);
            }
            Assumptions.abort(why + " (set " + REQUIRE + "=true to make this a failure)");
        }
        Path dir = Repository.root().resolve("deploy/kubernetes").resolve(kustomization);
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(KUBECTL.toString(), "kustomize", dir.toString())
                    .redirectError(errors.toFile())
                    .start();
            process.getOutputStream().close();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail("kubectl kustomize " + kustomization + " did not finish in 60 s");
            }
            String stderr = Files.readString(errors);
            Assertions.assertEquals(0, process.exitValue(), () -> "kubectl kustomize " + kustomization + " failed: " + stderr);
            return Repository.yamlDocuments(new String(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
