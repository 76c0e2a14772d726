package io.carapulse.tools.boundary;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Environments, fixtures and calls shared by the boundary tests. The fixtures are Boundary 0.21 (API module
 * v0.0.62) shapes: the REST resources as the controller returns them, wrapped for the CLI the way
 * {@code boundary … -format json} prints them ({@code {"status_code":200,"item":…}} / {@code "items"}).
 */
final class BoundaryTestSupport {

    /** The canary password: it must never appear anywhere but the login request's body. */
    static final String PASSWORD = "pw-canary-4b1d7e2c9f";

    /** The canary auth token the login fixture returns. */
    static final String TOKEN = "at_4Ft8aXyZ0q_s~TOKENCANARY7d1e5c9b3a";

    static final String AUTH_METHOD = "ampw_1234567890";
    static final String LOGIN = "carapulse";
    static final String PROJECT = "p_1234567890";
    static final String OTHER_PROJECT = "p_0987654321";
    static final String TARGET = "ttcp_1234567890";
    static final String ROLE = "r_1234567890";
    static final String USER = "u_1234567890";
    static final String SESSION = "s_1234567890";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BoundaryTestSupport() {
    }

    /**
     * {@code prod} declares Boundary at {@code address}: project p_1234567890, targets ttcp_1234567890 and
     * (by name) redis-prod, role r_1234567890; {@code dev} declares none.
     */
    static EnvironmentCatalog catalog(String address) {
        BoundarySection boundary = new BoundarySection(List.of(new BoundaryProperties("prod",
                new BoundaryProperties.Controller(address, AUTH_METHOD, LOGIN, "env:BOUNDARY_PASSWORD",
                        List.of(PROJECT), List.of(TARGET, "redis-prod"), List.of(ROLE)))));
        return new EnvironmentCatalog(List.of(env("prod"), env("dev")), List.of(boundary));
    }

    private static EnvironmentProperties env(String name) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"));
    }

    static TransportSelector selector(Path path) {
        return new TransportSelector(new BinaryLocator(path.toString(), Clock.systemUTC()),
                List.of(ToolSettings.defaults("boundary")));
    }

    /** The adapter on a controller at {@code address}, finding its CLI (if any) in {@code path}. */
    static BoundaryAdapter adapter(String address, Path path, ProcessRunner runner) {
        return new BoundaryAdapter(catalog(address), selector(path), new CliInvoker(runner),
                name -> name.equals("BOUNDARY_PASSWORD") ? PASSWORD : null, Clock.systemUTC());
    }

    /** The login of the server's account answered with the token fixture. */
    static void login(WireMockServer boundary) {
        boundary.stubFor(post(urlEqualTo("/v1/auth-methods/" + AUTH_METHOD + ":authenticate"))
                .willReturn(okJson(fixture("authenticate.json"))));
    }

    static ToolCall call(String action, String args) {
        return call(action, args, "prod");
    }

    static ToolCall call(String action, String args, String environment) {
        return new ToolCall("boundary", action, json(args), environment);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        try (InputStream in = BoundaryTestSupport.class.getResourceAsStream("/boundary/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource fixture as {@code boundary <noun> read -format json} prints it. */
    static String cliItem(String fixture) {
        return "{\"status_code\":200,\"item\":" + fixture(fixture) + "}\n";
    }

    /** Resource fixtures as {@code boundary <noun> list -format json} prints them. */
    static String cliItems(String... fixtures) {
        StringBuilder s = new StringBuilder("{\"status_code\":200,\"items\":[");
        for (int i = 0; i < fixtures.length; i++) {
            s.append(i == 0 ? "" : ",").append(fixture(fixtures[i]));
        }
        return s.append("]}\n").toString();
    }

    /** What {@code boundary … -format json} prints on stderr (exit 1) for an API error. */
    static String cliApiError(int status, String kind, String message) {
        return "{\"context\":\"Error from controller when performing read on target\",\"status_code\":" + status
                + ",\"status\":" + status + ",\"api_error\":{\"kind\":\"" + kind + "\",\"message\":\"" + message
                + "\"}}\n";
    }
}
