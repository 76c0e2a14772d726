package io.carapulse.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.redact.Redactor;
import io.carapulse.core.common.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses steps whose arguments carry a secret (S4). Arguments are stored as they are
 * ({@code plan_step}, {@code step_run}), fingerprinted and shown in answers, so a credential typed
 * into one would sit in the database in plain text. A secret is whatever the {@link Redactor}'s
 * patterns would mask: in any string (at any depth), in any object key, and in a member as it is
 * stored ({@code "password":"…"}). The refusal names where and what kind, never the value.
 */
final class SecretArguments {

    /** Where the refusal sends people: the section that says what to do instead. */
    static final String GUIDANCE = "plans cannot carry secrets, which would be stored as typed: keep the secret "
            + "in the target's own secret store (a Kubernetes Secret, Vault, a chart's existingSecret) and name it "
            + "in the arguments instead; see docs/security-model.md#secrets-in-plan-arguments";

    private static final Redactor PATTERNS = Redactor.patterns();
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private SecretArguments() {
    }

    /** One place a secret was found: the step, the JSON path of the value, the kind of secret. */
    record Finding(int step, String path, String kind) {
        String message() {
            return path + " contains a secret (" + kind + ")";
        }
    }

    /** Throws {@code 422 secret_in_arguments} listing every finding; returns if there is none. */
    static void refuse(List<StepSpec> specs) {
        List<Finding> found = find(specs);
        if (found.isEmpty()) {
            return;
        }
        Finding first = found.get(0);
        String more = found.size() == 1 ? "" : " (and " + (found.size() - 1) + " more, listed in errors)";
        throw new ProblemException(ProblemCode.SECRET_IN_ARGUMENTS, first.message() + more + "; " + GUIDANCE,
                Map.of("errors", found.stream().map(f -> Map.of("step", f.step(), "path", f.path(), "kind", f.kind(),
                        "message", f.message())).toList()));
    }

    /** Every secret in the steps' arguments and assertions, in order. */
    static List<Finding> find(List<StepSpec> specs) {
        List<Finding> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        for (int i = 0; i < specs.size(); i++) {
            StepSpec spec = specs.get(i);
            if (spec == null) {
                continue;
            }
            String step = "steps[" + i + "]";
            walk(i, spec.args(), step + ".args", out);
            Assertion a = spec.assertion();
            if (a != null) {
                text(i, a.pointer(), step + ".assert.pointer", out);
                walk(i, a.value(), step + ".assert.value", out);
            }
        }
        return out;
    }

    private static void walk(int step, JsonNode node, String path, List<Finding> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            text(step, node.asText(), path, out);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(step, node.get(i), path + "[" + i + "]", out);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                member(step, member.getKey(), member.getValue(), path, out);
            }
        }
    }

    private static void member(int step, String key, JsonNode value, String path, List<Finding> out) {
        Optional<String> inKey = PATTERNS.secretKind(key);
        if (inKey.isPresent()) {
            // the key itself is the secret: name the object that holds it, never the key
            out.add(new Finding(step, path, inKey.get() + ", in a key"));
            return;
        }
        String child = path + (PLAIN_KEY.matcher(key).matches() ? "." + key : "[" + Json.write(key) + "]");
        if (value.isTextual() || value.isNumber()) {
            // the value alone, then the member as it is stored: "password":"hunter2" (or a numeric
            // password) is a secret because of its key
            Optional<String> alone = value.isTextual() ? PATTERNS.secretKind(value.asText()) : Optional.empty();
            alone.or(() -> PATTERNS.secretKind(Json.write(Map.of(key, value))))
                    .ifPresent(k -> out.add(new Finding(step, child, k)));
        } else {
            walk(step, value, child, out);
        }
    }

    private static void text(int step, String value, String path, List<Finding> out) {
        PATTERNS.secretKind(value).ifPresent(kind -> out.add(new Finding(step, path, kind)));
    }
}
