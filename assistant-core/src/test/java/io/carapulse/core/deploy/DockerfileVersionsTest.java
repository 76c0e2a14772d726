package io.carapulse.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile against docs/deployment.md and the server: what the image pins is what the docs say. */
class DockerfileVersionsTest {

    private static final Pattern ARG = Pattern.compile("(?m)^ARG ([A-Z][A-Z0-9_]*)=(\\S*)\\s*$");
    private static final Pattern DOWNLOAD = Pattern.compile("fetch-verified \"(https://[^\"]+)\"");

    private final String dockerfile = Repository.read("docker/Dockerfile");
    private final Map<String, String> args = args(dockerfile);

    @Test
    void shouldPinTheVersionsTheDeploymentGuideLists() {
        Map<String, String> pinned = new TreeMap<>();
        args.forEach((name, value) -> {
            if (name.endsWith("_VERSION")) {
                pinned.put(name.substring(0, name.length() - "_VERSION".length()), value);
            }
        });
        assertThat(pinned).containsKeys("KUBECTL", "HELM", "ARGOCD", "AWS", "VAULT", "BOUNDARY", "GH", "GLAB");
        assertThat(documentedVersions()).isEqualTo(pinned);
    }

    @Test
    void shouldCheckEveryDownloadAgainstAPinnedChecksumAndLetEachCliBeLeftOut() {
        Matcher downloads = DOWNLOAD.matcher(dockerfile);
        int count = 0;
        while (downloads.find()) {
            count++;
            // the build's architecture (aws names it its own way, in ${a}) and a pinned version in every URL
            assertThat(downloads.group(1)).containsPattern("\\$\\{(TARGETARCH|a)}").containsPattern("\\$\\{[A-Z]+_VERSION}");
        }
        assertThat(count).as("one checked download per CLI (aws picks its own architecture name)").isEqualTo(8);
        args.keySet().stream().filter(n -> n.endsWith("_VERSION")).forEach(version -> {
            String cli = version.substring(0, version.length() - "_VERSION".length());
            assertThat(args).as("%s can be left out", cli).containsEntry("INSTALL_" + cli, "true");
            assertThat(args.get(cli + "_SHA256_AMD64")).as("%s amd64 checksum", cli).matches("[0-9a-f]{64}");
            String arm64 = args.get(cli + "_SHA256_ARM64");
            assertThat(arm64).as("%s arm64 checksum (empty: none known, the build refuses arm64)", cli)
                    .matches("([0-9a-f]{64})?");
        });
        assertThat(Repository.read("docker/fetch-verified")).contains("sha256sum -c");
    }

    @Test
    void shouldSetOnlyVariablesTheServerReads() {
        Set<String> read = ServerVariables.all();
        Matcher env = Pattern.compile("(?ms)^ENV (.*?)(?<!\\\\)$").matcher(dockerfile);
        int seen = 0;
        while (env.find()) {
            Matcher name = Pattern.compile("(?:^|\\s)([A-Z][A-Z0-9_]*)=").matcher(env.group(1));
            while (name.find()) {
                seen++;
                assertThat(read).as("the image sets %s", name.group(1)).contains(name.group(1));
            }
        }
        assertThat(seen).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldRunAsTheNonRootUserTheKubernetesManifestsExpect() {
        assertThat(dockerfile).containsPattern("(?m)^USER 10001:10001$");
        assertThat(Repository.read("deploy/kubernetes/base/deployment.yaml")).contains("runAsUser: 10001");
        assertThat(dockerfile).contains("HEALTHCHECK").contains("EXPOSE 8080").contains("STOPSIGNAL SIGTERM");
        assertThat(Repository.read("docker/healthcheck")).contains("/health/readiness");
    }

    /** The table of docs/deployment.md whose header has "build argument" and "version": INSTALL_X → version. */
    private static Map<String, String> documentedVersions() {
        List<String> lines = Repository.read("docs/deployment.md").lines().toList();
        Map<String, String> versions = new TreeMap<>();
        int argColumn = -1;
        int versionColumn = -1;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                argColumn = -1;
                continue;
            }
            List<String> cells = List.of(line.substring(1).split("\\|")).stream().map(String::strip).toList();
            if (argColumn < 0) {
                argColumn = indexOf(cells, "build argument");
                versionColumn = indexOf(cells, "version");
                if (argColumn < 0 || versionColumn < 0) {
                    argColumn = -1;
                }
                continue;
            }
            Matcher install = Pattern.compile("INSTALL_([A-Z0-9]+)=false").matcher(cells.get(argColumn));
            if (install.find() && !"git".equalsIgnoreCase(install.group(1))) {
                versions.put(install.group(1), cells.get(versionColumn).replace("`", ""));
            }
        }
        versions.remove("GIT");
        return versions;
    }

    private static int indexOf(List<String> header, String word) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase().contains(word)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> args(String dockerfile) {
        Map<String, String> args = new LinkedHashMap<>();
        Matcher m = ARG.matcher(dockerfile);
        while (m.find()) {
            args.put(m.group(1), m.group(2));
        }
        return args;
    }
}
