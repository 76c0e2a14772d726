package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws.logs-query} (READ): CloudWatch Logs of one log group (its name must start with one of the
 * environment's {@code log-group-prefixes}) over the last minutes, either with a Logs Insights
 * {@code query} — {@code aws logs start-query}, then {@code aws logs get-query-results} polled every
 * second until it completes or the step's deadline is near — or with a {@code filter_pattern}:
 * {@code aws logs filter-log-events}. Data: {@code {mode, status, results: [{field: value}]}} for a query,
 * {@code {mode, events: [{timestamp, stream, message}]}} for a filter.
 */
public final class AwsLogsQuery extends AwsAction<AwsLogsQuery.Arguments> {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(3);

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "log group name (under one of the environment's log-group-prefixes)", name = "log_group",
                    pattern = "[/A-Za-z0-9_.#][-/A-Za-z0-9_.#]{0,511}", maxLength = 512) String logGroup,
            @Arg(value = "Logs Insights query, e.g. fields @timestamp, @message | filter @message like /ERROR/",
                    maxLength = 4000) Optional<String> query,
            @Arg(value = "filter pattern for filter-log-events, e.g. ERROR", name = "filter_pattern", maxLength = 1024)
            Optional<String> filterPattern,
            @Arg(value = "how far back, in minutes", min = 1, max = 1440) int minutes,
            @Arg(value = "at most this many results", min = 1, max = 1000) int limit) implements Target {
        public Arguments {
            if (query.isPresent() == filterPattern.isPresent()) {
                throw ToolArgs.invalid("give exactly one of query and filter_pattern");
            }
            for (String text : List.of(query.orElse(""), filterPattern.orElse(""))) {
                if (text.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f || ch == 0x2028 || ch == 0x2029)) {
                    throw ToolArgs.invalid("query and filter_pattern are one line, without control characters");
                }
            }
        }
    }

    public AwsLogsQuery(AwsRuntime runtime) {
        super(runtime, "logs-query", ActionClass.READ,
                "Query a CloudWatch Logs group (Logs Insights query, or a filter pattern) over the last minutes",
                Arguments.class, false, Duration.ofSeconds(120));
    }

    @Override
    protected List<String> allowProblems(AwsAllowList allow, Arguments args) {
        return allow.logGroupPrefixes().stream().anyMatch(args.logGroup()::startsWith) ? List.of()
                : List.of("log_group: '" + args.logGroup() + "' is not under the environment's log-group-prefixes "
                        + allow.logGroupPrefixes());
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(args.minutes(), ChronoUnit.MINUTES);
        ObjectNode data = args.query().isPresent() ? insights(aws, args, start, end, context)
                : filter(aws, args, start, end);
        return aws.result(data.toPrettyString(), data, Map.of());
    }

    private static ObjectNode insights(AwsCall aws, Arguments args, Instant start, Instant end, ToolContext context) {
        String query = args.query().orElseThrow();
        JsonNode started = aws.request("logs:StartQuery", List.of("logs", "start-query", "--log-group-name",
                        args.logGroup(), "--start-time", String.valueOf(start.getEpochSecond()), "--end-time",
                        String.valueOf(end.getEpochSecond()), "--limit", String.valueOf(args.limit()), "--query-string=" + query),
                c -> c.logs().startQuery(r -> r.logGroupName(args.logGroup()).startTime(start.getEpochSecond())
                        .endTime(end.getEpochSecond()).limit(args.limit()).queryString(query)));
        String id = started.path("queryId").asText();
        JsonNode answer;
        while (true) {
            answer = aws.request("logs:GetQueryResults", List.of("logs", "get-query-results", "--query-id", id),
                    c -> c.logs().getQueryResults(r -> r.queryId(id)));
            String status = answer.path("status").asText();
            if (!status.equals("Running") && !status.equals("Scheduled")) {
                break;
            }
            if (Instant.now().plus(POLL).plus(MARGIN).isAfter(context.deadline()) || context.cancellation().isCancelled()) {
                throw new ToolException(ToolFailure.TIMED_OUT, "aws logs-query: the Logs Insights query " + id
                        + " did not complete before the step's deadline", null);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException(ToolFailure.CANCELLED, "aws logs-query: cancelled while polling", null);
            }
        }
        ObjectNode data = AwsJson.object().put("mode", "insights").put("query_id", id)
                .put("status", answer.path("status").asText());
        ArrayNode results = data.putArray("results");
        answer.path("results").forEach(row -> {
            ObjectNode r = results.addObject();
            row.forEach(f -> r.put(f.path("field").asText(), f.path("value").asText()));
        });
        data.set("statistics", answer.path("statistics").isMissingNode() ? AwsJson.object() : answer.path("statistics"));
        return data;
    }

    private static ObjectNode filter(AwsCall aws, Arguments args, Instant start, Instant end) {
        String pattern = args.filterPattern().orElseThrow();
        List<String> cli = new ArrayList<>(List.of("logs", "filter-log-events", "--log-group-name", args.logGroup(),
                "--start-time", String.valueOf(start.toEpochMilli()), "--end-time", String.valueOf(end.toEpochMilli()),
                "--max-items", String.valueOf(args.limit()), "--filter-pattern=" + pattern));
        JsonNode answer = aws.request("logs:FilterLogEvents", cli, c -> c.logs().filterLogEvents(r -> r
                .logGroupName(args.logGroup()).startTime(start.toEpochMilli()).endTime(end.toEpochMilli())
                .limit(args.limit()).filterPattern(pattern)));
        ObjectNode data = AwsJson.object().put("mode", "filter");
        ArrayNode events = data.putArray("events");
        answer.path("events").forEach(e -> events.addObject().put("timestamp", e.path("timestamp").asLong())
                .put("stream", e.path("logStreamName").asText()).put("message", e.path("message").asText()));
        return data;
    }
}
