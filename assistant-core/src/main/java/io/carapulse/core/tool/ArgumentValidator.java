package io.carapulse.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.carapulse.api.tool.ActionDescriptor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Checks tool-call arguments against the action's JSON schema (draft 2020-12); schemas compiled once. */
@Singleton
public class ArgumentValidator {

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<ActionDescriptor, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** Human-readable problems, empty when {@code args} is valid. */
    public List<String> problems(ActionDescriptor action, JsonNode args) {
        JsonSchema schema = compiled.computeIfAbsent(action, d -> factory.getSchema(d.argumentSchema()));
        return schema.validate(args).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
