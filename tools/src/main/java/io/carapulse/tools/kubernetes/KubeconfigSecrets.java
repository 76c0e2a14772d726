package io.carapulse.tools.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials written inside a kubeconfig ({@code token}, {@code password},
 * {@code client-key-data}, {@code client-certificate-data}), so the lease can mask them when a CLI
 * prints them on their own: output is redacted line by line, and a kubeconfig is only masked whole
 * when it appears whole.
 */
public final class KubeconfigSecrets {

    private static final Pattern FIELD = Pattern.compile(
            "(?m)^[ \\t]*-?[ \\t]*(?:token|id-token|refresh-token|password|client-key-data|client-certificate-data)"
                    + "[ \\t]*:[ \\t]*[\"']?([^\"'\\s#]+)[\"']?[ \\t]*$");

    private KubeconfigSecrets() {
    }

    /** Every credential value in the kubeconfig text, in order of appearance. */
    public static List<String> in(String kubeconfig) {
        List<String> values = new ArrayList<>();
        Matcher m = FIELD.matcher(kubeconfig);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
