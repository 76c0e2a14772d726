package io.carapulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code carapulse.environments.<env>.guard-rails}: bound from YAML, checked at start-up naming the key. */
class GuardRailsConfigTest {

    /** Stands in for the server's check: a cron expression is valid when it has six fields. */
    static final class SixFields implements CronCheck {
        @Override
        public Optional<String> problem(String expression) {
            return expression.strip().split("\\s+").length == 6 ? Optional.empty() : Optional.of("not six fields");
        }
    }

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        ApplicationContext ctx = ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).build();
        ctx.registerSingleton(CronCheck.class, new SixFields());
        return ctx.start();
    }

    private static String prod(String guardRails) {
        return """
                carapulse:
                  environments:
                    prod:
                      guard-rails:
                """ + guardRails.indent(8);
    }

    @Test
    void shouldBindWindowsFreezesAndLimits() {
        String yaml = prod("""
                maintenance-windows:
                  - cron: 0 0 22 * * MON-FRI
                    duration: 4h
                    time-zone: Europe/Berlin
                  - cron: 0 0 6 * * SAT
                    duration: 90m
                freezes:
                  - from: 2026-12-20T00:00:00Z
                    to: 2027-01-04T00:00:00+01:00
                    reason: year-end
                max-write-steps-per-plan: 3
                max-running-writes: 2
                """);
        try (ApplicationContext ctx = start(yaml)) {
            GuardRails g = ctx.getBean(EnvironmentCatalog.class).find("prod").orElseThrow().guardRails();

            assertThat(g.maintenanceWindows()).containsExactly(
                    new GuardRails.MaintenanceWindow("0 0 22 * * MON-FRI", Duration.ofHours(4), ZoneId.of("Europe/Berlin")),
                    new GuardRails.MaintenanceWindow("0 0 6 * * SAT", Duration.ofMinutes(90), ZoneOffset.UTC));
            assertThat(g.freezes()).containsExactly(new GuardRails.Freeze(Instant.parse("2026-12-20T00:00:00Z"),
                    Instant.parse("2027-01-03T23:00:00Z"), "year-end"));
            assertThat(g.maxWriteStepsPerPlan()).hasValue(3);
            assertThat(g.maxRunningWrites()).hasValue(2);
        }
    }

    @Test
    void shouldRestrictNothingWithoutGuardRails() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      approval-ttl: 1h
                """)) {
            assertThat(ctx.getBean(EnvironmentCatalog.class).find("prod").orElseThrow().guardRails())
                    .isEqualTo(GuardRails.NONE);
        }
    }

    @Test
    void shouldRefuseABadCronNamingTheKey() {
        assertRefused(prod("""
                maintenance-windows:
                  - cron: 0 22 * * MON-FRI
                    duration: 4h
                """), "carapulse.environments.prod.guard-rails.maintenance-windows[0].cron: not six fields");
    }

    @Test
    void shouldRefuseAWindowWithoutCronOrDuration() {
        assertRefused(prod("""
                maintenance-windows:
                  - time-zone: UTC
                """), "maintenance-windows[0].cron: a maintenance window needs a cron expression",
                "maintenance-windows[0].duration: a maintenance window needs a duration");
    }

    @Test
    void shouldRefuseAnUnknownTimeZone() {
        assertRefused(prod("""
                maintenance-windows:
                  - cron: 0 0 22 * * *
                    duration: 4h
                    time-zone: Europe/Berln
                """), "carapulse.environments.prod.guard-rails.maintenance-windows[0].time-zone: 'Europe/Berln' is not"
                + " a time zone");
    }

    @Test
    void shouldRefuseADurationThatIsNotPositiveOrNotADuration() {
        for (String d : new String[] {"0s", "-4h", "4 hours", "10", "400d"}) {
            assertRefused(prod("""
                    maintenance-windows:
                      - cron: 0 0 22 * * *
                        duration: "%s"
                    """.formatted(d)), "maintenance-windows[0].duration: must be a positive duration");
        }
    }

    @Test
    void shouldRefuseAFreezeThatEndsBeforeItStartsOrHasNoOffset() {
        assertRefused(prod("""
                freezes:
                  - from: 2026-12-20T00:00:00Z
                    to: 2026-12-19T00:00:00Z
                """), "carapulse.environments.prod.guard-rails.freezes[0].to: must be after");
        assertRefused(prod("""
                freezes:
                  - from: "2026-12-20 00:00"
                    to: 2027-01-04T00:00:00Z
                """), "freezes[0].from: '2026-12-20 00:00' is not a date-time with its offset");
        assertRefused(prod("""
                freezes:
                  - to: 2027-01-04T00:00:00Z
                    until: 2027-01-05T00:00:00Z
                """), "freezes[0].from: a freeze needs a date-time", "freezes[0].until: unknown key");
    }

    @Test
    void shouldRefuseALimitBelowOne() {
        assertRefused(prod("max-running-writes: -1"),
                "carapulse.environments.prod.guard-rails.max-running-writes: must be a whole number of at least 1");
        assertRefused(prod("max-write-steps-per-plan: 0"),
                "carapulse.environments.prod.guard-rails.max-write-steps-per-plan: must be a whole number of at least 1");
    }

    @Test
    void shouldRefuseAnUnknownKeyInTheBlock() {
        assertRefused(prod("max-targets-per-plan: 3"),
                "carapulse.environments.prod.guard-rails.max-targets-per-plan: unknown key");
    }

    private static void assertRefused(String yaml, String... messages) {
        assertThatThrownBy(() -> start(yaml).close()).hasStackTraceContaining(messages[0])
                .satisfies(e -> {
                    StringBuilder all = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        all.append(t.getMessage());
                    }
                    for (String m : messages) {
                        assertThat(all.toString()).contains(m);
                    }
                });
    }
}
