package io.carapulse.core.chat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The arguments of {@code propose_plan}, bound as strictly as a {@code POST /v1/plans} body: a field
 * the contract does not have ({@code class}, {@code environment}) is refused rather than dropped,
 * a value of the wrong type is refused rather than coerced ({@code "3"} is not an integer, one step
 * is not a list of steps). What the model wrote is untrusted (S1): a field it believes it set and
 * the runtime silently ignored would make the plan mean something else to it than to the approver.
 *
 * @param summary what the plan does and why
 * @param steps   the steps, untrusted until the planning service validates them
 */
record ProposedPlan(String summary, List<StepSpec> steps) {

    private static final String NOT_STORED = ". Nothing was stored; propose the plan again with the fields of "
            + "propose_plan's schema only.";

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build()
            .readerFor(ProposedPlan.class);

    /**
     * Binds the model's arguments.
     *
     * @throws ProblemException {@code validation_failed} naming the field, in the model's terms
     */
    static ProposedPlan bind(ObjectNode args) {
        try {
            return READER.readValue(args);
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            String where = field.contains(".") ? field.substring(0, field.lastIndexOf('.')) : "the arguments";
            Collection<Object> known = e.getKnownPropertyIds();
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "unknown field '" + field + "': "
                    + where + " has only " + names(known) + hint(e.getPropertyName()) + NOT_STORED);
        } catch (MismatchedInputException e) {
            String field = path(e);
            String expected = expected(e.getTargetType());
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, (field.isEmpty() ? "the arguments" : "'" + field + "'")
                    + " must be " + expected + NOT_STORED);
        } catch (IOException e) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "the arguments do not match propose_plan's schema" + NOT_STORED);
        }
    }

    private static String hint(String field) {
        return field.equals("class")
                ? "; an action's class (READ, WRITE, BREAK_GLASS) is decided by the runtime, never by a plan"
                : "";
    }

    /** {@code steps[0].timeoutSeconds}, from the reference chain of the exception. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String names(Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "the fields of its schema";
        }
        return known.stream().map(Object::toString).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the type the schema gives";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "an object";
    }
}
