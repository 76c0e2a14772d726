package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.helm.internal.ReleaseSecrets;
import io.carapulse.tools.helm.internal.ReleaseValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReleaseSecretsTest {

    private final ObjectNode release = HelmReleases.release("web", "shop", 4, "deployed", "1.2.4");

    @Test
    void shouldDecodeTheGzippedDoubleBase64ReleaseHelmWrites() {
        JsonNode decoded = ReleaseSecrets.decode(HelmReleases.secretData(release));

        assertThat(decoded).isEqualTo(release);
    }

    @Test
    void shouldReadTheReportedFieldsOfARelease() {
        HelmRelease r = ReleaseSecrets.release(HelmReleases.secret(release));

        assertThat(r.summary().toString()).isEqualTo("{\"release\":\"web\",\"namespace\":\"shop\",\"revision\":4,"
                + "\"status\":\"deployed\",\"chart\":\"web\",\"chartVersion\":\"1.2.4\",\"appVersion\":\"2.0.4\"}");
        assertThat(r.config().path("image").path("tag").asText()).isEqualTo("1.26");
        assertThat(r.chartValues().path("service").path("port").asInt()).isEqualTo(80);
    }

    @Test
    void shouldAlsoDecodeAReleaseStoredWithoutGzip() {
        String helmLayer = Base64.getEncoder().encodeToString(release.toString().getBytes(StandardCharsets.UTF_8));
        String data = Base64.getEncoder().encodeToString(helmLayer.getBytes(StandardCharsets.US_ASCII));

        assertThat(ReleaseSecrets.decode(data)).isEqualTo(release);
    }

    @Test
    void shouldRefuseDataThatIsNotAHelmRelease() {
        String notBase64Twice = Base64.getEncoder().encodeToString("{not base64}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ReleaseSecrets.decode(notBase64Twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Helm release payload");
    }

    @Test
    void shouldMergeChartDefaultsUnderUserValuesAndDropNulls() {
        JsonNode merged = ReleaseValues.merge(release.at("/chart/values"),
                HelmReleases.JSON.createObjectNode().<ObjectNode>set("image",
                        HelmReleases.JSON.createObjectNode().put("tag", "1.26")).putNull("service"));

        assertThat(merged.toString()).isEqualTo("{\"replicaCount\":1,\"image\":{\"repository\":\"nginx\",\"tag\":\"1.26\"}}");
    }

    @Test
    void shouldMaskValuesUnderCredentialKeysAndRedactStrings() {
        ObjectNode values = (ObjectNode) release.get("config").deepCopy();
        values.put("dbPassword", "plainpassword1").put("note", "Authorization: Bearer abcdefgh12345678");

        JsonNode redacted = ReleaseValues.redact(values, Redactor.patterns());

        assertThat(redacted.toString()).doesNotContain(HelmReleases.DB_PASSWORD, "plainpassword1", "abcdefgh12345678")
                .contains("\"host\":\"db.shop\"", "\"tag\":\"1.26\"");
    }

    @Test
    void shouldSplitHelmsChartColumnIntoNameAndSemver() {
        assertThat(HistoryEntry.splitChart("web-app-1.2.3-rc.1")).containsExactly("web-app", "1.2.3-rc.1");
        assertThat(HistoryEntry.splitChart("nginx")).containsExactly("nginx", "");
    }
}
