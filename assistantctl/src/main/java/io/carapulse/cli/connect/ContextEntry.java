package io.carapulse.cli.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One context of {@code config.yaml}: a server and where its token comes from (at most one of
 * {@code token-file}, {@code token-env}, {@code token}).
 *
 * @param tokenFile a file holding the token (read on each call, so a rotated token just works)
 * @param tokenEnv  an environment variable holding the token
 * @param token     the token itself (config.yaml is then kept 0600)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContextEntry(
        String name,
        String server,
        @JsonProperty("token-file") String tokenFile,
        @JsonProperty("token-env") String tokenEnv,
        String token) {

    /** Where the token comes from, safe to print: never the token itself. */
    public String tokenSource() {
        if (tokenFile != null) {
            return "file:" + tokenFile;
        }
        if (tokenEnv != null) {
            return "env:" + tokenEnv;
        }
        return token != null ? "inline (hidden)" : "-";
    }
}
