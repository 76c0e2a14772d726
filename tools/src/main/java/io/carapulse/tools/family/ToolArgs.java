package io.carapulse.tools.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The typed arguments of an action: a record whose components carry {@link Arg}. From the record this
 * class makes the closed JSON schema (draft 2020-12) the registry publishes, parses a call's JSON into
 * the record exactly once and strictly (no coercion, no single value as a list, no unknown field, every
 * pattern matched by the whole value), and writes a record back to JSON (for an inverse call).
 *
 * <p>Rules across fields live in the record's compact constructor, which throws {@link #invalid}; so one
 * parse serves plan time ({@code argumentProblems}) and execution alike.
 */
public final class ToolArgs<A extends Record> {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<Class<?>, ToolArgs<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<A> type;
    private final List<Field> fields;
    private final Constructor<A> constructor;
    private final ObjectNode schema;

    private ToolArgs(Class<A> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        List<Field> fs = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            fs.add(Field.of(type, c));
        }
        this.fields = List.copyOf(fs);
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class[]::new));
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
        this.schema = buildSchema();
    }

    /** The (cached) declaration of {@code type}. */
    @SuppressWarnings("unchecked")
    public static <A extends Record> ToolArgs<A> of(Class<A> type) {
        return (ToolArgs<A>) CACHE.computeIfAbsent(type, t -> new ToolArgs<>((Class<A>) t));
    }

    /** An {@code invalid_arguments} refusal, for the rules a record's constructor checks. */
    public static ToolException invalid(String message) {
        return new ToolException(ToolFailure.INVALID_ARGUMENTS, message, null);
    }

    /** The arguments record's type. */
    public Class<A> type() {
        return type;
    }

    /** The closed schema; a fresh copy each time. */
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    /**
     * Parses {@code args} into the record.
     *
     * @throws ToolException {@code invalid_arguments} naming the argument and what is wrong with it
     */
    public A parse(ObjectNode args) {
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (fields.stream().noneMatch(f -> f.name.equals(name))) {
                throw invalid("unknown argument '" + name + "' (known: "
                        + fields.stream().map(f -> f.name).toList() + ")");
            }
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            values[i] = fields.get(i).read(args.get(fields.get(i).name));
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ToolException te) {
                throw te;
            }
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw invalid(iae.getMessage());
            }
            throw new IllegalStateException("arguments of " + type.getSimpleName() + " could not be built", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code args} as JSON: what {@link #parse} reads back to an equal record; empty optionals left out. */
    public ObjectNode write(A args) {
        ObjectNode out = F.objectNode();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Object value;
            try {
                value = type.getRecordComponents()[i].getAccessor().invoke(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Optional<?> o) {
                if (o.isEmpty()) {
                    continue;
                }
                value = o.get();
            }
            out.set(f.name, f.kind.write(value));
        }
        return out;
    }

    private ObjectNode buildSchema() {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        for (Field f : fields) {
            ObjectNode p = properties.putObject(f.name);
            f.describe(p);
            if (!f.optional) {
                required.add(f.name);
            }
        }
        root.put("additionalProperties", false);
        return root;
    }

    /** One record component: its wire name, whether it may be absent, and how its value is read. */
    private record Field(String name, boolean optional, Kind kind, Arg arg) {

        static Field of(Class<?> owner, RecordComponent c) {
            Arg arg = c.getAnnotation(Arg.class);
            if (arg == null) {
                throw new IllegalStateException(owner.getName() + "." + c.getName() + " has no @Arg");
            }
            Type t = c.getGenericType();
            boolean optional = false;
            if (t instanceof ParameterizedType p && p.getRawType() == Optional.class) {
                optional = true;
                t = p.getActualTypeArguments()[0];
            }
            String name = arg.name().isEmpty() ? c.getName() : arg.name();
            return new Field(name, optional, Kind.of(owner, name, t, arg), arg);
        }

        Object read(JsonNode node) {
            if (node == null || node.isNull()) {
                if (optional) {
                    return Optional.empty();
                }
                throw invalid(name + " is required");
            }
            Object value = kind.read(name, node);
            return optional ? Optional.of(value) : value;
        }

        void describe(ObjectNode p) {
            kind.describe(p);
            p.put("description", arg.value());
        }
    }

    /** How one type reads, writes and describes itself. */
    private sealed interface Kind permits Scalar, EnumKind, ListKind, MapKind, ObjectKind {

        Object read(String name, JsonNode node);

        JsonNode write(Object value);

        void describe(ObjectNode p);

        static Kind of(Class<?> owner, String name, Type t, Arg arg) {
            if (t instanceof Class<?> c) {
                if (c.isEnum()) {
                    return EnumKind.of(c, arg);
                }
                if (c == ObjectNode.class) {
                    return new ObjectKind(arg);
                }
                return new Scalar(c, arg);
            }
            if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
                return new ListKind(of(owner, name, p.getActualTypeArguments()[0], arg), arg);
            }
            if (t instanceof ParameterizedType p && p.getRawType() == Map.class
                    && p.getActualTypeArguments()[0] == String.class && p.getActualTypeArguments()[1] == String.class) {
                return new MapKind(new Scalar(String.class, arg), arg);
            }
            throw new IllegalStateException(owner.getName() + "." + name + ": type " + t + " is not supported");
        }
    }

    private record Scalar(Class<?> type, Arg arg, Pattern pattern) implements Kind {

        Scalar(Class<?> type, Arg arg) {
            this(type, arg, arg.pattern().isEmpty() ? null : Pattern.compile(arg.pattern()));
            if (!(type == String.class || isInteger() || isBoolean())) {
                throw new IllegalStateException("type " + type + " is not supported");
            }
        }

        boolean isInteger() {
            return type == int.class || type == Integer.class || type == long.class || type == Long.class;
        }

        boolean isBoolean() {
            return type == boolean.class || type == Boolean.class;
        }

        @Override
        public Object read(String name, JsonNode node) {
            if (type == String.class) {
                if (!node.isTextual()) {
                    throw invalid(name + ": expected a string");
                }
                String v = node.textValue();
                if (arg.maxLength() > 0 && v.length() > arg.maxLength()) {
                    throw invalid(name + ": longer than " + arg.maxLength() + " characters");
                }
                if (pattern != null && !pattern.matcher(v).matches()) {
                    throw invalid(name + ": does not match " + arg.pattern() + (v.chars().anyMatch(ch -> ch < 0x20
                            || ch == 0x85 || ch == 0x2028 || ch == 0x2029) ? " (it holds a line break or control character)" : ""));
                }
                return v;
            }
            if (isInteger()) {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw invalid(name + ": expected a whole number");
                }
                long v = node.longValue();
                if (v < arg.min() || v > arg.max()) {
                    throw invalid(name + ": " + v + " is outside " + range());
                }
                if (type == int.class || type == Integer.class) {
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw invalid(name + ": " + v + " is too large");
                    }
                    return (int) v;
                }
                return v;
            }
            if (!node.isBoolean()) {
                throw invalid(name + ": expected true or false");
            }
            return node.booleanValue();
        }

        private String range() {
            return (arg.min() == Long.MIN_VALUE ? "" : arg.min()) + ".." + (arg.max() == Long.MAX_VALUE ? "" : arg.max());
        }

        @Override
        public JsonNode write(Object value) {
            if (value instanceof String s) {
                return F.textNode(s);
            }
            if (value instanceof Integer i) {
                return F.numberNode(i);
            }
            if (value instanceof Long l) {
                return F.numberNode(l);
            }
            return F.booleanNode((Boolean) value);
        }

        @Override
        public void describe(ObjectNode p) {
            if (type == String.class) {
                p.put("type", "string");
                if (pattern != null) {
                    p.put("pattern", arg.pattern());
                }
                if (arg.maxLength() > 0) {
                    p.put("maxLength", arg.maxLength());
                }
            } else if (isInteger()) {
                p.put("type", "integer");
                if (arg.min() != Long.MIN_VALUE) {
                    p.put("minimum", arg.min());
                }
                if (arg.max() != Long.MAX_VALUE) {
                    p.put("maximum", arg.max());
                }
            } else {
                p.put("type", "boolean");
            }
        }
    }

    private record EnumKind(Map<String, Object> byWire) implements Kind {

        static EnumKind of(Class<?> type, Arg arg) {
            Map<String, Object> byWire = new LinkedHashMap<>();
            for (Object constant : type.getEnumConstants()) {
                String wire = constant instanceof Arg.Wire w ? w.wire()
                        : ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (arg.only().length == 0 || Arrays.asList(arg.only()).contains(wire)) {
                    byWire.put(wire, constant);
                }
            }
            if (byWire.isEmpty() || (arg.only().length > 0 && byWire.size() != arg.only().length)) {
                throw new IllegalStateException(type.getName() + ": @Arg(only) names values the enum does not have: "
                        + Arrays.toString(arg.only()));
            }
            return new EnumKind(Map.copyOf(byWire));
        }

        List<String> names() {
            return byWire.keySet().stream().sorted().toList();
        }

        @Override
        public Object read(String name, JsonNode node) {
            if (!node.isTextual()) {
                throw invalid(name + ": expected one of " + names());
            }
            Object v = byWire.get(node.textValue());
            if (v == null) {
                throw invalid(name + ": not one of " + names());
            }
            return v;
        }

        @Override
        public JsonNode write(Object value) {
            return F.textNode(byWire.entrySet().stream().filter(e -> e.getValue() == value).findFirst()
                    .orElseThrow().getKey());
        }

        @Override
        public void describe(ObjectNode p) {
            p.put("type", "string");
            ArrayNode values = p.putArray("enum");
            names().forEach(values::add);
        }
    }

    private record ListKind(Kind item, Arg arg) implements Kind {

        @Override
        public Object read(String name, JsonNode node) {
            if (!node.isArray()) {
                throw invalid(name + ": expected an array");
            }
            if (node.size() < arg.minItems() || (arg.maxItems() > 0 && node.size() > arg.maxItems())) {
                throw invalid(name + ": expected " + arg.minItems() + ".." + (arg.maxItems() > 0 ? arg.maxItems() : "")
                        + " items, got " + node.size());
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                out.add(item.read(name + "[" + i + "]", node.get(i)));
            }
            return List.copyOf(out);
        }

        @Override
        public JsonNode write(Object value) {
            ArrayNode a = F.arrayNode();
            ((List<?>) value).forEach(v -> a.add(item.write(v)));
            return a;
        }

        @Override
        public void describe(ObjectNode p) {
            p.put("type", "array");
            ObjectNode items = F.objectNode();
            item.describe(items);
            p.set("items", items);
            if (arg.minItems() > 0) {
                p.put("minItems", arg.minItems());
            }
            if (arg.maxItems() > 0) {
                p.put("maxItems", arg.maxItems());
            }
        }
    }

    private record MapKind(Scalar value, Arg arg) implements Kind {

        @Override
        public Object read(String name, JsonNode node) {
            if (!node.isObject()) {
                throw invalid(name + ": expected an object");
            }
            if (node.size() < arg.minItems() || (arg.maxItems() > 0 && node.size() > arg.maxItems())) {
                throw invalid(name + ": expected " + arg.minItems() + ".." + (arg.maxItems() > 0 ? arg.maxItems() : "")
                        + " entries, got " + node.size());
            }
            Map<String, String> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), (String) value.read(name + "." + e.getKey(),
                    e.getValue())));
            return java.util.Collections.unmodifiableMap(out);
        }

        @Override
        public JsonNode write(Object v) {
            ObjectNode o = F.objectNode();
            ((Map<?, ?>) v).forEach((k, x) -> o.put((String) k, (String) x));
            return o;
        }

        @Override
        public void describe(ObjectNode p) {
            p.put("type", "object");
            ObjectNode values = F.objectNode();
            value.describe(values);
            p.set("additionalProperties", values);
            if (arg.minItems() > 0) {
                p.put("minProperties", arg.minItems());
            }
            if (arg.maxItems() > 0) {
                p.put("maxProperties", arg.maxItems());
            }
        }
    }

    private record ObjectKind(Arg arg) implements Kind {

        @Override
        public Object read(String name, JsonNode node) {
            if (!node.isObject()) {
                throw invalid(name + ": expected an object");
            }
            if (node.size() < Math.max(1, arg.minItems())) {
                throw invalid(name + ": must not be empty");
            }
            return node.deepCopy();
        }

        @Override
        public JsonNode write(Object value) {
            return ((ObjectNode) value).deepCopy();
        }

        @Override
        public void describe(ObjectNode p) {
            p.put("type", "object");
            p.put("minProperties", Math.max(1, arg.minItems()));
        }
    }
}
