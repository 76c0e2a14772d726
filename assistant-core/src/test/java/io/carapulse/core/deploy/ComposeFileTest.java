package io.carapulse.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker/compose.yaml read the way Compose reads it (anchors and merge keys resolved), without a Docker engine. */
class ComposeFileTest {

    /**
     * The variables of the official postgres image's entrypoint that this file may use (its documented
     * POSTGRES_* settings and PGDATA); the other images' services get none.
     */
    private static final Set<String> POSTGRES_IMAGE = Set.of("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD",
            "POSTGRES_PASSWORD_FILE", "POSTGRES_INITDB_ARGS", "POSTGRES_HOST_AUTH_METHOD", "PGDATA");

    private final Map<String, Object> compose = Repository.yaml(Repository.read("docker/compose.yaml"));

    @Test
    void shouldRunTwoReplicasOfTheImageBuiltFromTheDockerfileOnPostgresql() {
        Map<String, Map<String, Object>> replicas = carapulseServices();
        assertThat(replicas).hasSize(2);
        List<String> hostPorts = new ArrayList<>();
        for (Map<String, Object> service : replicas.values()) {
            assertThat(Repository.<String>at(service, "build.dockerfile")).isEqualTo("docker/Dockerfile");
            assertThat(Files.isRegularFile(Repository.root().resolve("docker")
                    .resolve(Repository.<String>at(service, "build.context")).resolve("docker/Dockerfile"))).isTrue();
            Map<String, String> env = env(service);
            assertThat(env.get("CARAPULSE_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(Repository.<String>at(service, "depends_on.postgres.condition")).isEqualTo("service_healthy");
            assertThat(Repository.<Boolean>at(service, "read_only")).isTrue();
            assertThat(Repository.<List<String>>at(service, "tmpfs")).contains("/tmp");
            List<String> ports = Repository.at(service, "ports");
            assertThat(ports).hasSize(1).allSatisfy(p -> assertThat(p).endsWith(":8080"));
            hostPorts.add(ports.get(0).split(":")[0]);
        }
        assertThat(hostPorts).doesNotHaveDuplicates();
        assertThat(Repository.<String>at(service("postgres"), "image")).matches("postgres:\\d+\\.\\d+.*");
    }

    @Test
    void shouldSetOnlyVariablesTheirImagesRead() {
        Set<String> server = ServerVariables.all();
        Map<String, Object> services = Repository.at(compose, "services");
        services.forEach((name, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> service = (Map<String, Object>) value;
            String image = String.valueOf(service.get("image"));
            Set<String> allowed = image.startsWith("carapulse") ? server
                    : image.startsWith("postgres:") ? POSTGRES_IMAGE : Set.of();
            assertThat(env(service).keySet()).allSatisfy(variable -> assertThat(allowed)
                    .as("%s sets %s, which %s does not read", name, variable, image).contains(variable));
        });
    }

    @Test
    void shouldGiveEachReplicaItsConfigurationAndDatabasePasswordAsMountedFilesNeverAsValues() {
        for (Map<String, Object> service : carapulseServices().values()) {
            Map<String, String> env = env(service);
            assertThat(env).doesNotContainKey("CARAPULSE_DB_PASSWORD");
            Map<String, String> mounted = mountedFiles(service);
            for (String path : env.get("MICRONAUT_CONFIG_FILES").split(",")) {
                assertThat(mounted).as("configuration file %s is mounted", path).containsKey(path);
                assertThat(Repository.yaml(Repository.read("docker/" + mounted.get(path)))).isNotEmpty();
            }
            // the password file is a secret docker/init-secrets writes (not in the repository), the one
            // PostgreSQL reads too
            String passwordFile = env.get("CARAPULSE_DB_PASSWORD_FILE");
            assertThat(mounted).as("the password file is mounted").containsKey(passwordFile);
            assertThat(mounted.get(passwordFile)).isEqualTo("./secrets/db-password");
            assertThat(Repository.read("docker/init-secrets")).contains("/db-password\"");
        }
        assertThat(Repository.read("docker/.gitignore")).contains("secrets/");
        assertThat(env(service("postgres"))).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/db-password")
                .doesNotContainKey("POSTGRES_PASSWORD");
    }

    @Test
    void shouldLetEachReplicaDrainBeforeComposeKillsIt() {
        for (Map<String, Object> service : carapulseServices().values()) {
            long grace = seconds(env(service).getOrDefault("CARAPULSE_SHUTDOWN_GRACE", "30s"));
            assertThat(seconds(String.valueOf(service.get("stop_grace_period")))).isGreaterThan(grace);
        }
    }

    @Test
    void shouldScrapeEveryReplicasMetrics() {
        Map<String, Object> prometheus = Repository.yaml(Repository.read("docker/prometheus.yml"));
        List<Map<String, Object>> jobs = Repository.at(prometheus, "scrape_configs");
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0)).containsEntry("metrics_path", "/metrics");
        List<Map<String, Object>> statics = Repository.at(jobs.get(0), "static_configs");
        assertThat(Repository.<List<String>>at(statics.get(0), "targets"))
                .containsExactlyInAnyOrderElementsOf(carapulseServices().keySet().stream().map(s -> s + ":8080").toList());
        assertThat(Repository.<String>at(service("prometheus"), "image")).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
    }

    // ---------------------------------------------------------------------------------------------

    private Map<String, Map<String, Object>> carapulseServices() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        Map<String, Object> services = Repository.at(compose, "services");
        services.forEach((name, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> service = (Map<String, Object>) value;
            if (String.valueOf(service.get("image")).startsWith("carapulse")) {
                found.put(name, service);
            }
        });
        return found;
    }

    private Map<String, Object> service(String name) {
        return Repository.at(compose, "services." + name);
    }

    private static Map<String, String> env(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> {
                String[] kv = String.valueOf(entry).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        }
        return env;
    }

    /** Container path → the file in docker/ it comes from, for the service's configs and secrets. */
    @SuppressWarnings("unchecked")
    private Map<String, String> mountedFiles(Map<String, Object> service) {
        Map<String, Object> configs = Repository.at(compose, "configs");
        Map<String, Object> secrets = Repository.at(compose, "secrets");
        Map<String, String> files = new LinkedHashMap<>();
        for (Object config : Repository.<List<Object>>at(service, "configs")) {
            Map<String, Object> c = (Map<String, Object>) config;
            files.put((String) c.get("target"), (String) ((Map<String, Object>) configs.get(c.get("source"))).get("file"));
        }
        for (Object secret : Repository.<List<Object>>at(service, "secrets")) {
            String name = String.valueOf(secret);
            files.put("/run/secrets/" + name, (String) ((Map<String, Object>) secrets.get(name)).get("file"));
        }
        return files;
    }

    private static long seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)(s|m)").matcher(duration);
        assertThat(m.matches()).as("a duration such as 90s: %s", duration).isTrue();
        return Long.parseLong(m.group(1)) * ("m".equals(m.group(2)) ? 60 : 1);
    }
}
