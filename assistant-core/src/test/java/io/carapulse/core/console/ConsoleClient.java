package io.carapulse.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's side of the console over plain HTTP: the session cookie, pages, form posts, the CSRF field. */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("carapulse_session=([^;]*)");

    private final TestHttp http;

    ConsoleClient(TestHttp http) {
        this.http = http;
    }

    /** Signs in with an API token through the sign-in form; the session cookie. */
    String signIn(String token) {
        TestHttp.Response r = form("/login/token", null, Map.of("token", token));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return cookie(r);
    }

    TestHttp.Response page(String path, String cookie) {
        return http.get(path, null, "Cookie", "carapulse_session=" + cookie);
    }

    /** A form post, with the session cookie unless it is null, and any extra headers (name, value, …). */
    TestHttp.Response form(String path, String cookie, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        List<String> h = new ArrayList<>(List.of(headers));
        if (cookie != null) {
            h.addAll(List.of("Cookie", "carapulse_session=" + cookie));
        }
        return http.send("POST", path, null, "application/x-www-form-urlencoded", body, h.toArray(String[]::new));
    }

    /** The session cookie a response sets. */
    static String cookie(TestHttp.Response r) {
        Matcher m = COOKIE.matcher(r.headers().firstValue("set-cookie").orElseThrow());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The CSRF token a page's forms carry. */
    static String csrf(TestHttp.Response page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("the page has a CSRF field").isTrue();
        return m.group(1);
    }
}
