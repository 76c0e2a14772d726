package io.carapulse.tools.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One revision of a release as {@code helm history -o json} prints it
 * ({@code {"revision":3,"updated":"…","status":"deployed","chart":"web-1.2.3","app_version":"2.0.1",
 * "description":"Upgrade complete"}}) or as read from its release secret.
 */
public record HistoryEntry(int revision, String status, String chart, String chartVersion, String appVersion,
                           String updated, String description) {

    /** Helm joins chart name and SemVer version with a dash: {@code web-1.2.3-rc.1}. */
    private static final Pattern CHART = Pattern.compile("^(.+)-(v?\\d+\\.\\d+\\.\\d+\\S*)$");

    /** The entries of {@code helm history -o json}'s array, in the order printed (oldest first). */
    public static List<HistoryEntry> fromCli(JsonNode array) {
        List<HistoryEntry> entries = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                String[] chart = splitChart(e.path("chart").asText(""));
                entries.add(new HistoryEntry(e.path("revision").asInt(0), e.path("status").asText(""), chart[0],
                        chart[1], e.path("app_version").asText(""), e.path("updated").asText(""),
                        e.path("description").asText("")));
            }
        }
        return entries;
    }

    /** The entry for a release read from its secret. */
    public static HistoryEntry of(HelmRelease r) {
        return new HistoryEntry(r.revision(), r.status(), r.chart(), r.chartVersion(), r.appVersion(),
                r.lastDeployed(), r.description());
    }

    /** {@code [name, version]} of Helm's {@code name-version} chart column; version empty if none. */
    public static String[] splitChart(String chart) {
        Matcher m = CHART.matcher(chart);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {chart, ""};
    }

    /** {@code {revision, status, chart, chartVersion, appVersion, updated, description}}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("revision", revision);
        o.put("status", status);
        o.put("chart", chart);
        o.put("chartVersion", chartVersion);
        o.put("appVersion", appVersion);
        o.put("updated", updated);
        o.put("description", description);
        return o;
    }
}
