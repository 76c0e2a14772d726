package io.carapulse.tools.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of a Helm 3 release Carapulse reports, read from the release JSON that Helm stores in
 * its release secrets and prints for {@code helm status -o json} / {@code helm upgrade -o json}
 * (fields {@code name}, {@code namespace}, {@code version}, {@code info}, {@code chart.metadata},
 * {@code chart.values}, {@code config}).
 *
 * @param name          the release name
 * @param namespace     the release namespace
 * @param revision      the release revision ({@code version} in Helm's JSON)
 * @param status        {@code deployed}, {@code failed}, {@code superseded}, {@code pending-upgrade} …
 * @param chart         the chart name
 * @param chartVersion  the chart version
 * @param appVersion    the chart's appVersion, or empty
 * @param description   Helm's description of the revision ("Upgrade complete")
 * @param lastDeployed  when the revision was deployed, as Helm wrote it
 * @param config        the values the user supplied (never redacted here; the caller redacts)
 * @param chartValues   the chart's default values ({@code chart.values}), or an empty object
 */
public record HelmRelease(String name, String namespace, int revision, String status, String chart,
                          String chartVersion, String appVersion, String description, String lastDeployed,
                          JsonNode config, JsonNode chartValues) {

    /** Reads a release JSON object as Helm 3 writes it. */
    public static HelmRelease fromJson(JsonNode release) {
        JsonNode info = release.path("info");
        JsonNode meta = release.path("chart").path("metadata");
        JsonNode config = release.path("config");
        JsonNode values = release.path("chart").path("values");
        return new HelmRelease(release.path("name").asText(""), release.path("namespace").asText(""),
                release.path("version").asInt(0), info.path("status").asText(""), meta.path("name").asText(""),
                meta.path("version").asText(""), meta.path("appVersion").asText(""),
                info.path("description").asText(""), info.path("last_deployed").asText(""),
                config.isObject() ? config : JsonNodeFactory.instance.objectNode(),
                values.isObject() ? values : JsonNodeFactory.instance.objectNode());
    }

    /**
     * The {@code data} of a result about this release, the shape verify assertions point into:
     * {@code {release, namespace, revision, status, chart, chartVersion, appVersion}}.
     */
    public ObjectNode summary() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("release", name);
        data.put("namespace", namespace);
        data.put("revision", revision);
        data.put("status", status);
        data.put("chart", chart);
        data.put("chartVersion", chartVersion);
        data.put("appVersion", appVersion);
        return data;
    }
}
