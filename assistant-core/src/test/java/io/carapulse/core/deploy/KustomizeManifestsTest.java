package io.carapulse.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes as kubectl renders it: what a cluster would be given, checked against what the
 * server actually serves and reads (its application.yml, its sources), not against a copy of them.
 */
class KustomizeManifestsTest {

    private static final Map<String, Object> APPLICATION =
            Repository.yaml(Repository.read("assistant-core/src/main/resources/application.yml"));
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void shouldRunTwoReplicasWhoseProbesAskTheHealthEndpointsOnThePortTheServerListensOn(String kustomization)
            throws Exception {
        Rendered r = new Rendered(Kustomize.render(kustomization));
        Map<String, Object> deployment = r.one("Deployment");
        Map<String, Object> container = r.container();

        assertThat(Repository.<Integer>at(deployment, "spec.replicas")).isEqualTo(2);

        int serverPort = serverPort(r.env(container));
        assertThat(r.probe(container, "readinessProbe")).isEqualTo(new Probe("/health/readiness", serverPort));
        assertThat(r.probe(container, "livenessProbe")).isEqualTo(new Probe("/health/liveness", serverPort));
        assertThat(r.probe(container, "startupProbe").path()).isIn("/health/liveness", "/health/readiness");
        assertThat(r.probe(container, "startupProbe").port()).isEqualTo(serverPort);

        // the probes carry no token: their paths must be anonymous in the server's security rules
        assertThat(anonymousPatterns()).contains("/health/**");
        assertThat(Repository.<Boolean>at(APPLICATION, "endpoints.health.enabled")).isTrue();
        assertThat(Repository.<Boolean>at(APPLICATION, "endpoints.health.sensitive")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void shouldRunAsNonRootWithoutPrivilegeEscalationOnAReadOnlyRootFileSystem(String kustomization) throws Exception {
        Rendered r = new Rendered(Kustomize.render(kustomization));
        Map<String, Object> pod = r.podSpec();
        Map<String, Object> container = r.container();

        assertThat(Repository.<Boolean>at(pod, "securityContext.runAsNonRoot")).isTrue();
        assertThat(Repository.<Integer>at(pod, "securityContext.runAsUser")).isPositive();
        assertThat(Repository.<String>at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(Repository.<Boolean>at(container, "securityContext.allowPrivilegeEscalation")).isFalse();
        assertThat(Repository.<Boolean>at(container, "securityContext.readOnlyRootFilesystem")).isTrue();
        assertThat(Repository.<List<String>>at(container, "securityContext.capabilities.drop")).contains("ALL");

        // with the root file system read-only, every place the server writes is a volume
        Map<String, String> env = r.env(container);
        assertThat(r.mountPaths(container)).contains("/tmp", env.get("CARAPULSE_HOME"));
        assertThat(env.get("JAVA_OPTS")).contains("-Djava.io.tmpdir=/tmp");
        assertThat(Repository.<Boolean>at(pod, "automountServiceAccountToken")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void shouldSelectTheDeploymentsPodsWithTheServiceAndTheDisruptionBudget(String kustomization) throws Exception {
        Rendered r = new Rendered(Kustomize.render(kustomization));
        Map<String, Object> deployment = r.one("Deployment");
        Map<String, Object> podLabels = Repository.at(deployment, "spec.template.metadata.labels");

        Map<String, Object> deploymentSelector = Repository.at(deployment, "spec.selector.matchLabels");
        Map<String, Object> serviceSelector = Repository.at(r.one("Service"), "spec.selector");
        Map<String, Object> pdbSelector = Repository.at(r.one("PodDisruptionBudget"), "spec.selector.matchLabels");
        for (Map<String, Object> selector : List.of(deploymentSelector, serviceSelector, pdbSelector)) {
            assertThat(selector).isNotEmpty();
            assertThat(podLabels).containsAllEntriesOf(selector);
        }
        assertThat(Repository.<Integer>at(r.one("PodDisruptionBudget"), "spec.minAvailable")).isEqualTo(1);

        String targetPort = String.valueOf(Repository.<Object>at(
                Repository.<List<Map<String, Object>>>at(r.one("Service"), "spec.ports").get(0), "targetPort"));
        assertThat(r.containerPort(r.container(), targetPort)).isEqualTo(serverPort(r.env(r.container())));

        // Prometheus finds the replicas by annotation, on the port and path the server serves /metrics at
        Map<String, Object> annotations = Repository.at(deployment, "spec.template.metadata.annotations");
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(serverPort(r.env(r.container()))));
        assertThat(anonymousPatterns()).contains("/metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void shouldGiveTheServerLongerToStopThanTheGracePeriodItIsToldToDrainIn(String kustomization) throws Exception {
        Rendered r = new Rendered(Kustomize.render(kustomization));
        Map<String, Object> container = r.container();
        String grace = r.env(container).get("CARAPULSE_SHUTDOWN_GRACE");
        assertThat(grace).as("the manifests set the server's grace period").isNotNull();
        // ... and that variable is the one application.yml sets the graceful shutdown's grace period from
        assertThat(Repository.<String>at(APPLICATION, "carapulse.shutdown.grace-period"))
                .startsWith("${CARAPULSE_SHUTDOWN_GRACE:");

        long preStop = preStopSleepSeconds(container);
        int termination = Repository.at(r.podSpec(), "terminationGracePeriodSeconds");
        assertThat((long) termination).isGreaterThan(seconds(grace) + preStop);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void shouldSetOnlyVariablesTheServerReadsAndTakeSecretsFromSecrets(String kustomization) throws Exception {
        Rendered r = new Rendered(Kustomize.render(kustomization));
        Map<String, Object> container = r.container();
        Set<String> read = ServerVariables.all();

        assertThat(r.env(container).keySet()).isNotEmpty().allSatisfy(name -> assertThat(read)
                .as("%s is set by the manifests but nothing in the server reads it", name).contains(name));
        assertThat(r.envFromSecret(container))
                .containsOnlyKeys("CARAPULSE_DB_URL", "CARAPULSE_DB_USER", "CARAPULSE_DB_PASSWORD")
                .allSatisfy((name, secret) -> assertThat(secret).isEqualTo("carapulse-db"));
        assertThat(Repository.<List<Object>>at(container, "envFrom")).as("no bulk import of unchecked names").isNull();
        // the kubelet would otherwise add CARAPULSE_PORT=tcp://… for the Service named carapulse, which the
        // server reads as its HTTP port
        assertThat(Repository.<Boolean>at(r.podSpec(), "enableServiceLinks")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void shouldMountEveryConfigurationFileAndFileReferenceTheServerIsGiven(String kustomization) throws Exception {
        Rendered r = new Rendered(Kustomize.render(kustomization));
        Map<String, Object> container = r.container();
        Map<String, String> files = r.mountedFiles(container);

        String configFiles = r.env(container).get("MICRONAUT_CONFIG_FILES");
        assertThat(configFiles).isNotBlank();
        for (String path : configFiles.split(",")) {
            assertThat(files).as("configuration file %s", path).containsKey(path);
            String text = files.get(path);
            if (text != null) {
                // each file:/ reference in it points at a mounted file (a Secret's, usually)
                Matcher ref = Pattern.compile("file:(/\\S+)").matcher(text.replaceAll("(?m)#.*$", ""));
                while (ref.find()) {
                    assertThat(files).as("%s names %s", path, ref.group(1)).containsKey(ref.group(1));
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void shouldGiveProductionANamespaceACloudIdentitySlotAndANetworkPolicyForItsPods() throws Exception {
        Rendered r = new Rendered(Kustomize.render("overlays/production"));
        assertThat(r.objects).allSatisfy(o -> assertThat(Repository.<String>at(o, "metadata.namespace"))
                .isEqualTo("carapulse"));
        Map<String, Object> annotations = Repository.at(r.one("ServiceAccount"), "metadata.annotations");
        assertThat(annotations).containsKey("eks.amazonaws.com/role-arn");
        assertThat(Repository.<String>at(r.podSpec(), "serviceAccountName"))
                .isEqualTo(Repository.at(r.one("ServiceAccount"), "metadata.name"));

        Map<String, Object> policy = r.one("NetworkPolicy");
        Map<String, Object> podLabels = Repository.at(r.one("Deployment"), "spec.template.metadata.labels");
        assertThat(podLabels).containsAllEntriesOf(Repository.at(policy, "spec.podSelector.matchLabels"));
        List<Map<String, Object>> ingress = Repository.at(policy, "spec.ingress");
        int port = serverPort(r.env(r.container()));
        assertThat(ingress).allSatisfy(rule -> assertThat(Repository.<List<Map<String, Object>>>at(rule, "ports"))
                .extracting(p -> p.get("port")).containsOnly(port));
        assertThat(Repository.<String>at(r.container(), "image")).doesNotEndWith(":dev");
    }

    // ---------------------------------------------------------------------------------------------

    /** The port the server listens on with this environment: CARAPULSE_PORT, else application.yml's default. */
    private static int serverPort(Map<String, String> env) {
        String configured = Repository.at(APPLICATION, "micronaut.server.port");
        Matcher m = PLACEHOLDER_DEFAULT.matcher(configured);
        assertThat(m.matches()).as("micronaut.server.port is ${VARIABLE:default}").isTrue();
        return Integer.parseInt(env.getOrDefault(m.group(1), m.group(2)));
    }

    private static List<String> anonymousPatterns() {
        List<Map<String, Object>> rules = Repository.at(APPLICATION, "micronaut.security.intercept-url-map");
        List<String> anonymous = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            if (String.valueOf(rule.get("access")).contains("isAnonymous()")) {
                anonymous.add((String) rule.get("pattern"));
            }
        }
        return anonymous;
    }

    private static long preStopSleepSeconds(Map<String, Object> container) {
        List<String> command = Repository.at(container, "lifecycle.preStop.exec.command");
        if (command == null) {
            return 0;
        }
        assertThat(command).hasSize(2).first().isEqualTo("sleep");
        return Long.parseLong(command.get(1));
    }

    private static long seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(duration);
        assertThat(m.matches()).as("a duration such as 60s: %s", duration).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n).toSeconds();
            case "s" -> n;
            case "m" -> Duration.ofMinutes(n).toSeconds();
            default -> Duration.ofHours(n).toSeconds();
        };
    }

    record Probe(String path, int port) {
    }

    /** The objects kubectl rendered, with the few lookups the tests share. */
    private record Rendered(List<Map<String, Object>> objects) {

        Map<String, Object> one(String kind) {
            List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
            assertThat(found).as("one %s", kind).hasSize(1);
            return found.get(0);
        }

        Map<String, Object> podSpec() {
            return Repository.at(one("Deployment"), "spec.template.spec");
        }

        Map<String, Object> container() {
            List<Map<String, Object>> containers = Repository.at(podSpec(), "containers");
            assertThat(containers).hasSize(1);
            return containers.get(0);
        }

        Map<String, String> env(Map<String, Object> container) {
            Map<String, String> env = new LinkedHashMap<>();
            List<Map<String, Object>> entries = Repository.at(container, "env");
            for (Map<String, Object> e : Objects.requireNonNullElse(entries, List.<Map<String, Object>>of())) {
                env.put((String) e.get("name"), e.get("value") == null ? null : String.valueOf(e.get("value")));
            }
            return env;
        }

        Map<String, String> envFromSecret(Map<String, Object> container) {
            Map<String, String> fromSecret = new LinkedHashMap<>();
            List<Map<String, Object>> entries = Repository.at(container, "env");
            for (Map<String, Object> e : entries) {
                String secret = Repository.at(e, "valueFrom.secretKeyRef.name");
                if (secret != null) {
                    fromSecret.put((String) e.get("name"), secret);
                }
            }
            return fromSecret;
        }

        Probe probe(Map<String, Object> container, String kind) {
            Map<String, Object> get = Repository.at(container, kind + ".httpGet");
            assertThat(get).as("%s is an HTTP GET", kind).isNotNull();
            return new Probe((String) get.get("path"), containerPort(container, String.valueOf(get.get("port"))));
        }

        int containerPort(Map<String, Object> container, String nameOrNumber) {
            List<Map<String, Object>> ports = Repository.at(container, "ports");
            for (Map<String, Object> p : ports) {
                if (nameOrNumber.equals(p.get("name")) || nameOrNumber.equals(String.valueOf(p.get("containerPort")))) {
                    return (Integer) p.get("containerPort");
                }
            }
            throw new AssertionError("no container port " + nameOrNumber + " in " + ports);
        }

        List<String> mountPaths(Map<String, Object> container) {
            List<Map<String, Object>> mounts = Repository.at(container, "volumeMounts");
            return mounts.stream().map(m -> (String) m.get("mountPath")).toList();
        }

        /**
         * Every file the pod's ConfigMap and Secret volumes put in the container, by absolute path; the
         * value is the ConfigMap's text (null for a Secret's file: the manifests hold no secret values).
         */
        Map<String, String> mountedFiles(Map<String, Object> container) {
            Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
            for (Map<String, Object> v : Repository.<List<Map<String, Object>>>at(podSpec(), "volumes")) {
                volumes.put((String) v.get("name"), v);
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (Map<String, Object> mount : Repository.<List<Map<String, Object>>>at(container, "volumeMounts")) {
                Map<String, Object> volume = volumes.get((String) mount.get("name"));
                String dir = (String) mount.get("mountPath");
                String configMap = Repository.at(volume, "configMap.name");
                if (configMap != null) {
                    Map<String, Object> data = objects.stream()
                            .filter(o -> "ConfigMap".equals(o.get("kind")))
                            .filter(o -> configMap.equals(Repository.at(o, "metadata.name")))
                            .findFirst().map(o -> Repository.<Map<String, Object>>at(o, "data"))
                            .orElseThrow(() -> new AssertionError("no ConfigMap " + configMap));
                    data.forEach((key, text) -> {
                        Repository.yaml((String) text);
                        files.put(dir + "/" + key, (String) text);
                    });
                }
                List<Map<String, Object>> items = Repository.at(volume, "secret.items");
                if (items != null) {
                    items.forEach(item -> files.put(dir + "/" + item.get("path"), null));
                }
            }
            return files;
        }
    }
}
