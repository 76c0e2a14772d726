package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * {@code aws.metric-data} (READ): one CloudWatch metric over the last minutes, structured for a verify
 * assertion. CLI: {@code aws cloudwatch get-metric-data --metric-data-queries <json> --start-time <t>
 * --end-time <t>}; SDK: {@code GetMetricData}. Data: {@code {namespace, metric, stat, period_seconds,
 * status, values: [newest first], timestamps: […], latest, max, min, average, count}} — an assertion
 * points at {@code /latest}, {@code /max} or {@code /values/0}; {@code latest} and the aggregates are
 * {@code null} when there is no datapoint.
 */
public final class AwsMetricData extends AwsAction<AwsMetricData.Arguments> {

    static final Pattern DIMENSION = Pattern.compile("[A-Za-z0-9 _.:/=+@#-]{1,255}");

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "metric namespace, e.g. AWS/EC2", pattern = "[A-Za-z0-9][A-Za-z0-9 ._/#:-]{0,254}", maxLength = 255)
            String namespace,
            @Arg(value = "metric name, e.g. CPUUtilization", pattern = "[A-Za-z0-9][A-Za-z0-9 ._/#:-]{0,254}",
                    maxLength = 255) String metric,
            @Arg(value = "dimensions (name: value), e.g. {AutoScalingGroupName: web-asg}", maxItems = 30)
            Map<String, String> dimensions,
            @Arg(value = "statistic", pattern = "Average|Sum|Minimum|Maximum|SampleCount|p[0-9]{1,2}(\\.[0-9]{1,2})?",
                    maxLength = 10) String stat,
            @Arg(value = "period in seconds (multiple of 60)", name = "period_seconds", min = 60, max = 86400)
            int periodSeconds,
            @Arg(value = "how far back, in minutes", min = 1, max = 1440) int minutes) implements Target {
        public Arguments {
            dimensions.forEach((k, v) -> {
                if (!DIMENSION.matcher(k).matches() || !DIMENSION.matcher(v).matches() || k.startsWith("-")) {
                    throw ToolArgs.invalid("dimensions: a name and its value are 1..255 letters, digits, spaces and _.:/=+@#-");
                }
            });
            if (periodSeconds % 60 != 0) {
                throw ToolArgs.invalid("period_seconds: must be a multiple of 60");
            }
        }
    }

    public AwsMetricData(AwsRuntime runtime) {
        super(runtime, "metric-data", ActionClass.READ,
                "Read one CloudWatch metric over the last minutes: values newest first, latest, max, min, average",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant start = end.minus(args.minutes(), ChronoUnit.MINUTES);
        ObjectNode query = AwsJson.object().put("Id", "m0").put("ReturnData", true);
        ObjectNode stat = query.putObject("MetricStat").put("Period", args.periodSeconds()).put("Stat", args.stat());
        ObjectNode metric = stat.putObject("Metric").put("Namespace", args.namespace()).put("MetricName", args.metric());
        ArrayNode dims = metric.putArray("Dimensions");
        args.dimensions().forEach((k, v) -> dims.addObject().put("Name", k).put("Value", v));
        MetricDataQuery sdkQuery = MetricDataQuery.builder().id("m0").returnData(true)
                .metricStat(MetricStat.builder().period(args.periodSeconds()).stat(args.stat())
                        .metric(Metric.builder().namespace(args.namespace()).metricName(args.metric())
                                .dimensions(args.dimensions().entrySet().stream().map(e -> Dimension.builder()
                                        .name(e.getKey()).value(e.getValue()).build()).toList()).build()).build()).build();
        JsonNode answer = aws.request("cloudwatch:GetMetricData", List.of("cloudwatch", "get-metric-data",
                        "--metric-data-queries", AwsJson.array().add(query).toString(),
                        "--start-time", start.toString(), "--end-time", end.toString(), "--scan-by", "TimestampDescending"),
                c -> c.cloudwatch().getMetricData(r -> r.metricDataQueries(sdkQuery).startTime(start).endTime(end)
                        .scanBy("TimestampDescending")));
        JsonNode result = answer.path("MetricDataResults").path(0);
        ObjectNode data = AwsJson.object().put("namespace", args.namespace()).put("metric", args.metric())
                .put("stat", args.stat()).put("period_seconds", args.periodSeconds())
                .put("start", start.toString()).put("end", end.toString())
                .put("status", result.path("StatusCode").asText("Complete"));
        ArrayNode values = data.putArray("values");
        ArrayNode timestamps = data.putArray("timestamps");
        result.path("Values").forEach(v -> values.add(v.asDouble()));
        result.path("Timestamps").forEach(t -> timestamps.add(t.asText()));
        data.put("count", values.size());
        if (values.isEmpty()) {
            data.putNull("latest").putNull("max").putNull("min").putNull("average");
        } else {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            double sum = 0;
            for (JsonNode v : values) {
                max = Math.max(max, v.asDouble());
                min = Math.min(min, v.asDouble());
                sum += v.asDouble();
            }
            data.put("latest", values.get(0).asDouble()).put("max", max).put("min", min).put("average", sum / values.size());
        }
        return aws.result(data.toPrettyString(), data, Map.of());
    }
}
