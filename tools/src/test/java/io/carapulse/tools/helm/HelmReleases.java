package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Helm 3 releases in Helm's own formats, produced here: the release JSON (shaped like what Helm
 * 3.14's {@code release.Release} marshals to), the {@code helm.sh/release.v1} secret that stores it
 * (gzip, then base64 by Helm, then base64 by Kubernetes), and the CLI's JSON outputs.
 */
final class HelmReleases {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DB_PASSWORD = "hunter2Secret99";

    private HelmReleases() {
    }

    /** The release JSON of revision {@code version} of {@code web} with chart {@code web-<chartVersion>}. */
    static ObjectNode release(String name, String namespace, int version, String status, String chartVersion) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"name": "%1$s",
                     "info": {"first_deployed": "2024-05-01T10:00:00.123456789Z",
                              "last_deployed": "2024-05-0%3$dT11:00:00.5Z", "deleted": "",
                              "description": "Upgrade complete", "status": "%4$s",
                              "notes": "Visit http://web.shop.svc"},
                     "chart": {"metadata": {"name": "%1$s", "version": "%5$s", "description": "A web app",
                                            "apiVersion": "v2", "appVersion": "2.0.%3$d", "type": "application"},
                               "lock": null,
                               "templates": [{"name": "templates/deployment.yaml", "data": "YXBpVmVyc2lvbjogYXBwcy92MQ=="}],
                               "values": {"replicaCount": 1, "image": {"repository": "nginx", "tag": "1.25"},
                                          "service": {"port": 80}},
                               "schema": null, "files": []},
                     "config": {"image": {"tag": "1.26"}, "db": {"password": "%6$s", "host": "db.shop"}},
                     "manifest": "---\\n# Source: web/templates/secret.yaml\\napiVersion: v1\\nkind: Secret\\ndata:\\n  pw: aHVudGVyMg==\\n",
                     "version": %3$d,
                     "namespace": "%2$s"}
                    """.formatted(name, namespace, version, status, chartVersion, DB_PASSWORD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the Kubernetes API returns as {@code data.release}: base64(base64(gzip(json))). */
    static String secretData(ObjectNode release) {
        try {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(JSON.writeValueAsBytes(release));
            }
            String helmLayer = Base64.getEncoder().encodeToString(gz.toByteArray());
            return Base64.getEncoder().encodeToString(helmLayer.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The release secret Helm's storage driver writes for {@code release}. */
    static Secret secret(ObjectNode release) {
        String name = release.get("name").asText();
        int version = release.get("version").asInt();
        return new SecretBuilder().withNewMetadata()
                .withName("sh.helm.release.v1." + name + ".v" + version)
                .withNamespace(release.get("namespace").asText())
                .withLabels(Map.of("owner", "helm", "name", name, "version", String.valueOf(version),
                        "status", release.path("info").path("status").asText(), "modifiedAt", "1714557600"))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .withData(Map.of("release", secretData(release)))
                .build();
    }

    /** {@code helm history web -o json}: revisions 1..n, the last deployed, the others superseded. */
    static String cliHistory(String name, int n) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            out.append(i == 1 ? "" : ",").append("{\"revision\":").append(i)
                    .append(",\"updated\":\"2024-05-0").append(i).append("T11:00:00.5Z\",\"status\":\"")
                    .append(i == n ? "deployed" : "superseded").append("\",\"chart\":\"").append(name)
                    .append("-1.2.").append(i).append("\",\"app_version\":\"2.0.").append(i)
                    .append("\",\"description\":\"").append(i == 1 ? "Install complete" : "Upgrade complete")
                    .append("\"}");
        }
        return out.append("]\n").toString();
    }
}
