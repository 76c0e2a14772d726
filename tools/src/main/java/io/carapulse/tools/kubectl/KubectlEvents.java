package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.family.Arg;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.kubectl.internal.Args;
import io.carapulse.tools.kubectl.internal.Kind;
import io.carapulse.tools.kubectl.internal.KubeJson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * {@code kubectl.events} (READ): the newest events of a namespace, or of one object
 * ({@code kind} + {@code name}), at most {@code limit} (default 100, at most 500). Data:
 * {@code {count, items: [{type, reason, message, count, lastTimestamp, object}]}}, newest last.
 */
public final class KubectlEvents extends KubectlAction<KubectlEvents.Arguments> {

    /** The arguments of {@code kubectl.events}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "object kind") Optional<Kind> kind,
            @Arg(value = "object name (with kind)", pattern = Args.NAME, maxLength = 253) Optional<String> name,
            @Arg(value = "most events to return (default 100)", min = 1, max = 500) Optional<Integer> limit) implements Namespaced {

        public Arguments {
            if (kind.isPresent() != name.isPresent()) {
                throw ToolArgs.invalid("give kind and name together, or neither for the whole namespace");
            }
        }

        int limitOrDefault() {
            return limit.orElse(DEFAULT_LIMIT);
        }
    }


    static final int DEFAULT_LIMIT = 100;

    public KubectlEvents(KubectlRuntime runtime) {
        super(runtime, "events", ActionClass.READ,
                "Read the newest events of a namespace or of one object (bounded by limit)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60));
    }


    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Filter f = Filter.of(args);
        List<String> verb = new ArrayList<>(List.of("get", "events", "-o", "json"));
        f.selector().ifPresent(s -> verb.add("--field-selector=" + s));
        var outcome = runtime.kubectl(kubectl, call, namespace, verb, context);
        ObjectNode data = bounded(KubeJson.parse(outcome.stdout()), f);
        return KubectlRuntime.cliResult(outcome, KubeJson.write(data), data, Map.of("count", data.get("count").asText()));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Filter f = Filter.of(args);
        String path = "/api/v1/namespaces/" + namespace + "/events";
        // filtered here rather than by field selector, which not every API server (or mock) honours
        JsonNode list = runtime.api(call, true, "GET", path,
                client -> KubeJson.tree(client.v1().events().inNamespace(namespace).list()));
        ObjectNode data = bounded(list, f);
        return runtime.httpResult(call, "GET", path, KubeJson.write(data), data, Map.of("count", data.get("count").asText()));
    }

    /** The newest {@code limit} events of the object (filtered again here), oldest first. */
    private static ObjectNode bounded(JsonNode list, Filter f) {
        List<JsonNode> items = StreamSupport.stream(list.path("items").spliterator(), false)
                .filter(e -> f.name.isEmpty() || (f.name.get().equals(e.path("involvedObject").path("name").asText())
                        && f.kind.orElseThrow().apiKind().equals(e.path("involvedObject").path("kind").asText())))
                .sorted(Comparator.comparing(KubectlEvents::when))
                .toList();
        ObjectNode data = KubectlRuntime.object();
        ArrayNode out = data.putArray("items");
        items.subList(Math.max(0, items.size() - f.limit), items.size()).forEach(e -> {
            ObjectNode o = out.addObject();
            o.put("type", e.path("type").asText());
            o.put("reason", e.path("reason").asText());
            o.put("message", e.path("message").asText());
            o.put("count", e.path("count").asInt(1));
            o.put("lastTimestamp", when(e));
            o.put("object", e.path("involvedObject").path("kind").asText() + "/"
                    + e.path("involvedObject").path("name").asText());
        });
        data.put("count", out.size());
        return data;
    }

    private static String when(JsonNode e) {
        for (String field : new String[]{"lastTimestamp", "eventTime", "firstTimestamp"}) {
            String v = e.path(field).asText("");
            if (!v.isEmpty() && !"null".equals(v)) {
                return v;
            }
        }
        return e.path("metadata").path("creationTimestamp").asText("");
    }

    private record Filter(Optional<Kind> kind, Optional<String> name, int limit) {

        static Filter of(Arguments args) {
            return new Filter(args.kind(), args.name(), args.limitOrDefault());
        }

        Optional<String> selector() {
            return name.map(n -> "involvedObject.kind=" + kind.orElseThrow().apiKind() + ",involvedObject.name=" + n);
        }
    }
}
