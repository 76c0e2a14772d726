package io.carapulse.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * Checks action argument schemas and arguments against JSON Schema draft 2020-12, the draft the tool
 * contract prescribes. Adapter tests can use it directly, e.g. to prove that a value starting with
 * {@code -} is refused (S5).
 */
public final class ArgumentSchemas {

    /** The {@code $schema} URI of draft 2020-12. */
    public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    // served from the validator's jar (classpath:draft/2020-12/...), so no network is needed
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12));

    private ArgumentSchemas() {
    }

    /** Why {@code schema} is not a valid draft 2020-12 schema; empty when it is one. */
    public static List<String> metaSchemaErrors(JsonNode schema) {
        return messages(META_SCHEMA.validate(schema));
    }

    /**
     * Why {@code arguments} do not satisfy {@code schema}; empty when they do.
     *
     * @throws RuntimeException from the validator when the schema itself cannot be compiled (an
     *                          invalid regular expression, an unresolvable {@code $ref})
     */
    public static List<String> errors(JsonNode schema, JsonNode arguments) {
        return messages(FACTORY.getSchema(schema).validate(arguments));
    }

    private static List<String> messages(java.util.Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
