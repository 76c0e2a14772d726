package io.carapulse.tools.kubectl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether a rollout is complete, computed from the object's status the way {@code kubectl rollout
 * status} does, so both transports give the same answer. The data of {@code rollout-status}:
 * {@code {ready, replicas, updatedReplicas, readyReplicas, availableReplicas, observedGeneration,
 * generation, message}}. {@code replicas} is the desired count (spec; for a DaemonSet the desired
 * number scheduled).
 */
public final class RolloutState {

    private RolloutState() {
    }

    public static ObjectNode of(Kind kind, JsonNode object) {
        JsonNode spec = object.path("spec");
        JsonNode status = object.path("status");
        long generation = object.path("metadata").path("generation").asLong(0);
        long observed = status.path("observedGeneration").asLong(0);
        long desired;
        long updated;
        long ready;
        long available;
        long current;
        if (kind == Kind.DAEMONSET) {
            desired = status.path("desiredNumberScheduled").asLong(0);
            updated = status.path("updatedNumberScheduled").asLong(0);
            ready = status.path("numberReady").asLong(0);
            available = status.path("numberAvailable").asLong(0);
            current = status.path("currentNumberScheduled").asLong(0);
        } else {
            desired = spec.path("replicas").asLong(1);
            updated = status.path("updatedReplicas").asLong(0);
            ready = status.path("readyReplicas").asLong(0);
            available = status.path("availableReplicas").asLong(0);
            current = status.path("replicas").asLong(0);
        }
        String waiting = waitingFor(kind, status, generation, observed, desired, updated, ready, available, current);
        ObjectNode data = KubeJson.MAPPER.createObjectNode();
        data.put("ready", waiting == null);
        data.put("replicas", desired);
        data.put("updatedReplicas", updated);
        data.put("readyReplicas", ready);
        data.put("availableReplicas", available);
        data.put("observedGeneration", observed);
        data.put("generation", generation);
        data.put("message", waiting == null ? "rollout complete" : waiting);
        return data;
    }

    private static String waitingFor(Kind kind, JsonNode status, long generation, long observed, long desired,
                                     long updated, long ready, long available, long current) {
        if (observed < generation) {
            return "waiting for the rollout spec update to be observed";
        }
        if (updated < desired) {
            return "waiting: " + updated + " of " + desired + " updated replicas are available";
        }
        return switch (kind) {
            case DEPLOYMENT -> current > updated ? "waiting: " + (current - updated) + " old replicas are pending termination"
                    : available < updated ? "waiting: " + available + " of " + updated + " updated replicas are available"
                    : null;
            case STATEFULSET -> ready < desired ? "waiting for " + (desired - ready) + " pods to be ready"
                    : !status.path("updateRevision").asText("").equals(status.path("currentRevision").asText(""))
                    ? "waiting for the statefulset's update revision to become current" : null;
            default -> available < desired ? "waiting: " + available + " of " + desired + " updated pods are available"
                    : null;
        };
    }
}
