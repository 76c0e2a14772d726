package io.carapulse.tools.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads Helm 3's release storage in the Kubernetes API: one secret per revision, named
 * {@code sh.helm.release.v1.<release>.v<revision>}, of type {@code helm.sh/release.v1}, labelled
 * {@code owner=helm}, {@code name=<release>}, {@code version=<revision>}, {@code status=<status>}.
 * Its {@code data.release} is base64 (the Kubernetes layer) of base64 (Helm's layer) of the gzipped
 * release JSON; Helm also accepts the JSON without gzip, and so does this decoder.
 */
public final class ReleaseSecrets {

    /** The secret type Helm's storage driver writes. */
    public static final String TYPE = "helm.sh/release.v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RELEASE_BYTES = 64 * 1024 * 1024;

    private ReleaseSecrets() {
    }

    /**
     * The release JSON inside a secret's {@code data.release} value as the Kubernetes API returns it
     * (still carrying the Kubernetes base64 layer).
     *
     * @throws IllegalArgumentException when the value is not in Helm's format
     */
    public static JsonNode decode(String dataRelease) {
        try {
            byte[] helmLayer = Base64.getMimeDecoder().decode(dataRelease);
            byte[] payload = Base64.getMimeDecoder().decode(new String(helmLayer, StandardCharsets.US_ASCII));
            byte[] json = isGzip(payload) ? gunzip(payload) : payload;
            JsonNode release = JSON.readTree(json);
            if (release == null || !release.isObject()) {
                throw new IllegalArgumentException("the release payload is not a JSON object");
            }
            return release;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Helm release payload: " + e.getMessage(), e);
        }
    }

    /** The decoded release of one release secret. */
    public static HelmRelease release(Secret secret) {
        String data = secret.getData() == null ? null : secret.getData().get("release");
        if (data == null) {
            throw new IllegalArgumentException("secret " + secret.getMetadata().getName() + " has no data.release");
        }
        return HelmRelease.fromJson(decode(data));
    }

    /** Every revision secret of {@code release} in {@code namespace}, oldest first. */
    public static List<Secret> revisions(KubernetesClient client, String namespace, String release) {
        return client.secrets().inNamespace(namespace).withLabels(Map.of("owner", "helm", "name", release))
                .list().getItems().stream()
                .filter(ReleaseSecrets::isRelease)
                .sorted(Comparator.comparingInt(ReleaseSecrets::version))
                .toList();
    }

    /** The newest revision secret of each release in {@code namespace}, by release name in order. */
    public static Map<String, Secret> latestPerRelease(KubernetesClient client, String namespace) {
        Map<String, Secret> latest = new LinkedHashMap<>();
        client.secrets().inNamespace(namespace).withLabel("owner", "helm").list().getItems().stream()
                .filter(ReleaseSecrets::isRelease)
                .sorted(Comparator.comparing((Secret s) -> label(s, "name")).thenComparingInt(ReleaseSecrets::version))
                .forEach(s -> latest.put(label(s, "name"), s));
        return latest;
    }

    /** The revision a secret stores, from its {@code version} label; 0 when it has none. */
    public static int version(Secret secret) {
        try {
            return Integer.parseInt(label(secret, "version"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A label of the secret, or the empty string. */
    public static String label(Secret secret, String key) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(key, "");
    }

    private static boolean isRelease(Secret s) {
        return TYPE.equals(s.getType()) && version(s) > 0 && !label(s, "name").isEmpty();
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] out = in.readNBytes(MAX_RELEASE_BYTES + 1);
            if (out.length > MAX_RELEASE_BYTES) {
                throw new IOException("the release is larger than " + MAX_RELEASE_BYTES + " bytes");
            }
            return out;
        }
    }
}
