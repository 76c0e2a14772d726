package io.carapulse.tools.family;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One argument of an action, declared on a component of the action's arguments record. The JSON schema
 * in {@code GET /v1/tools} is generated from these declarations and the same declarations parse the
 * arguments ({@link ToolArgs}), so the schema and the code cannot disagree.
 *
 * <p>A component is required unless its type is {@code Optional<…>}. Supported types: {@code String},
 * {@code int}/{@code Integer}, {@code long}/{@code Long}, {@code boolean}/{@code Boolean}, an enum (its
 * wire names: {@link Wire#wire()} or the lower-case constant name with {@code -} for {@code _}),
 * {@code List<String>}, {@code List<enum>}, {@code Map<String, String>} and
 * {@code ObjectNode} (a free JSON object), each possibly inside {@code Optional}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Arg {

    /** One line for people and the model. */
    String value();

    /** The argument's name in JSON when it differs from the component's ({@code values_ref}); empty for the same. */
    String name() default "";

    /** For strings (and list items): the pattern the whole value must match; empty for none. */
    String pattern() default "";

    /** For strings (and list items): the most characters; 0 for no limit. */
    int maxLength() default 0;

    /** For integers: the smallest value allowed. */
    long min() default Long.MIN_VALUE;

    /** For integers: the largest value allowed. */
    long max() default Long.MAX_VALUE;

    /** For enums and enum lists: the only wire names this action accepts (a subset); empty for all. */
    String[] only() default {};

    /** For lists and maps: the most entries; 0 for no limit. */
    int maxItems() default 0;

    /** For lists, maps and objects: the fewest entries when given. */
    int minItems() default 0;

    /** An enum whose wire names are not its constant names. */
    interface Wire {
        /** The spelling in arguments, e.g. {@code deployment}. */
        String wire();
    }
}
