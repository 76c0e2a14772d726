package io.carapulse.testkit.fake;

/**
 * The state of one deployment in a {@link FakeWorld}.
 *
 * @param name            deployment name
 * @param replicas        desired replica count
 * @param resourceVersion bumped by every change, like Kubernetes' {@code metadata.resourceVersion}
 */
public record Deployment(String name, int replicas, long resourceVersion) {
}
