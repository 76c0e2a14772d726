package io.carapulse.core.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code /metrics} answer read as Prometheus does: the help and type of each family, each sample's value. */
public record Scrape(Map<String, String> help, Map<String, String> types, Map<String, Double> samples) {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)");

    public static Scrape of(String text) {
        Map<String, String> help = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                types.put(parts[0], parts[1]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new AssertionError("not a sample line: " + line);
                }
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return new Scrape(help, types, samples);
    }

    /** The value of one series, 0 when it is absent; {@code series} as printed: {@code name{a="1",b="2"}}. */
    public double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }
}
