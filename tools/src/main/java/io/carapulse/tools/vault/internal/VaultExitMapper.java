package io.carapulse.tools.vault.internal;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.cli.ExitMapper;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failed {@code vault} call is named (STYLE 6). The CLI exits 1 for an API error and 2 for a usage
 * error, and prints the API's status as {@code Code: 403. Errors:} followed by the messages; the code comes
 * from that line, else from the message.
 */
public final class VaultExitMapper implements ExitMapper {

    private static final Pattern CODE = Pattern.compile("Code: (\\d{3})");

    @Override
    public ToolFailure code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr;
        Matcher m = CODE.matcher(s);
        if (m.find()) {
            return VaultHttpErrors.MAPPER.failure(Integer.parseInt(m.group(1)));
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.contains("permission denied")) {
            return ToolFailure.FORBIDDEN;
        }
        if (lower.contains("no value found") || lower.contains("not found")) {
            return ToolFailure.NOT_FOUND;
        }
        if (lower.contains("vault is sealed") || lower.contains("connection refused")) {
            return ToolFailure.UNAVAILABLE;
        }
        if (exitCode == 2 || lower.contains("too many arguments") || lower.contains("not enough arguments")) {
            return ToolFailure.INVALID_ARGUMENTS;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
