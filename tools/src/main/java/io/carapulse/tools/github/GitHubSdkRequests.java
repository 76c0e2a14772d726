package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.github.internal.SdkConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kohsuke.github.GHException;

/**
 * How {@link GitHubSdkApi} makes each operation: through the call's {@link SdkConnector}, every request shown
 * as evidence, a failure named from the last answer the connector recorded (its status, rate-limit headers
 * and GitHub's message), never from the library's exception text, which may quote a request.
 */
final class GitHubSdkRequests {

    /** One operation of the library. */
    @FunctionalInterface
    interface Request<T> {
        T send() throws IOException;
    }

    private final GitHubCall call;
    private final SdkConnector connector;
    private int shown;

    GitHubSdkRequests(GitHubCall call) {
        this.call = call;
        this.connector = new SdkConnector(call.runtime().http(), call.context());
    }

    SdkConnector connector() {
        return connector;
    }

    /** Runs {@code request}; {@code what} names it when GitHub's answer cannot be read. */
    <T> T send(String what, Request<T> request) {
        try {
            return request.send();
        } catch (IOException | GHException e) {
            throw failure(what, e);
        } finally {
            List<SdkConnector.Exchange> exchanges = connector.exchanges();
            for (; shown < exchanges.size(); shown++) {
                SdkConnector.Exchange x = exchanges.get(shown);
                call.showHttp(x.method(), x.url(), x.status());
            }
        }
    }

    private RuntimeException failure(String what, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SdkConnector.Stopped stopped) {
                return call.failure(stopped.failure(), stopped.getMessage(), null);
            }
        }
        SdkConnector.Exchange last = connector.last();
        if (last != null && last.status() >= 300) {
            String message = message(last.body());
            return call.failure(GitHubErrors.failure(last.status(), GitHubErrors.rateLimited(last.headers())
                            || GitHubErrors.rateLimitMessage(message)), "GitHub answered HTTP " + last.status() + " to "
                            + last.method() + " " + pathOf(last.url()) + (message.isBlank() ? "" : ": " + message), null);
        }
        return call.failure(ToolFailure.TOOL_FAILED, "the answer to " + what + " could not be read", null);
    }

    /** GitHub's {@code message} (and its first error's), at most 300 characters. */
    private static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode n = GitHubRest.JSON.readTree(new String(body, StandardCharsets.UTF_8));
            String m = n.path("message").asText("");
            JsonNode errors = n.path("errors");
            if (errors.isArray() && !errors.isEmpty() && errors.get(0).has("message")) {
                m = m + " (" + errors.get(0).path("message").asText() + ")";
            }
            return m.length() > 300 ? m.substring(0, 300) + "…" : m;
        } catch (IOException e) {
            return "";
        }
    }

    private static String pathOf(String url) {
        int i = url.indexOf("/repos/");
        return i < 0 ? url : url.substring(i + 1);
    }

    /** Whether the last answer was a JSON array (what the contents API answers for a directory). */
    boolean lastAnsweredAList() {
        SdkConnector.Exchange last = connector.last();
        if (last == null || last.status() != 200 || last.body() == null) {
            return false;
        }
        for (byte b : last.body()) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }
}
