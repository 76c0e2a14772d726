package io.carapulse.tools.gitlab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.utils.JacksonJson;

/**
 * gitlab4j-api as this family uses it: one {@link GitLabApi} per call, built with the instance's base URL
 * and the token, request timeouts from the step's deadline, and nothing that logs a request. gitlab4j
 * registers its logging filter only when asked ({@code enableRequestResponseLogging}, never called here)
 * and talks through Jersey's default connector, the JDK's {@code HttpURLConnection}, which logs every
 * request's headers, {@code PRIVATE-TOKEN} included, at {@code FINE} to
 * {@value #HTTP_URL_CONNECTION_LOGGER}; that logger is held at {@code INFO} here for the life of the process,
 * so no logging configuration (a debug root level, a JUL bridge) can print the token (S4). Its answers
 * are turned back into GitLab's REST JSON with gitlab4j's own mapper (snake_case names, dates as ISO
 * text), so an action reads the same JSON whichever transport the call got.
 */
public final class GitlabSdk {

    /** The JDK logger that prints request headers at {@code FINE}. */
    public static final String HTTP_URL_CONNECTION_LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

    /** Held strongly, so the level set on it is not lost when the logger would be collected. */
    private static final Logger QUIET = quiet();
    private static final ObjectMapper MAPPER = new JacksonJson().getObjectMapper();

    private GitlabSdk() {
    }

    private static Logger quiet() {
        Logger logger = Logger.getLogger(HTTP_URL_CONNECTION_LOGGER);
        logger.setLevel(Level.INFO);
        return logger;
    }

    /**
     * A client of {@code baseUrl} ({@code https://gitlab.example.com}, without {@code /api/v4}) that sends
     * {@code token} as {@code PRIVATE-TOKEN}, giving up on a request after {@code left}.
     */
    public static GitLabApi open(String baseUrl, String token, Duration left) {
        if (QUIET.getLevel() != Level.INFO) {
            QUIET.setLevel(Level.INFO); // someone lowered it since: held again before the token is sent
        }
        GitLabApi api = new GitLabApi(baseUrl, token);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1000, left.toMillis()));
        api.setRequestTimeout(Math.min(millis, 30_000), millis);
        return api;
    }

    /** A gitlab4j model (or a list of them) as GitLab's REST JSON; {@code null} as JSON null. */
    public static JsonNode json(Object model) {
        return MAPPER.valueToTree(model);
    }
}
