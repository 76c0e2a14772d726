package io.carapulse.tools.kubectl.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import java.util.Locale;

/**
 * The namespaced kinds kubectl actions may name: the allowlist of {@code get}. {@code secret} is
 * deliberately absent. Each kind knows its kubectl resource name, its API kind and path, and its
 * Fabric8 model class for the HTTP fallback.
 */
public enum Kind implements io.carapulse.tools.family.Arg.Wire {
    DEPLOYMENT("Deployment", "/apis/apps/v1", "deployments", Deployment.class),
    STATEFULSET("StatefulSet", "/apis/apps/v1", "statefulsets", StatefulSet.class),
    DAEMONSET("DaemonSet", "/apis/apps/v1", "daemonsets", DaemonSet.class),
    REPLICASET("ReplicaSet", "/apis/apps/v1", "replicasets", ReplicaSet.class),
    POD("Pod", "/api/v1", "pods", Pod.class),
    SERVICE("Service", "/api/v1", "services", Service.class),
    CONFIGMAP("ConfigMap", "/api/v1", "configmaps", ConfigMap.class),
    JOB("Job", "/apis/batch/v1", "jobs", Job.class),
    CRONJOB("CronJob", "/apis/batch/v1", "cronjobs", CronJob.class),
    INGRESS("Ingress", "/apis/networking.k8s.io/v1", "ingresses", Ingress.class),
    HPA("HorizontalPodAutoscaler", "/apis/autoscaling/v2", "horizontalpodautoscalers", HorizontalPodAutoscaler.class);

    private final String apiKind;
    private final String apiBase;
    private final String plural;
    private final Class<? extends HasMetadata> model;

    Kind(String apiKind, String apiBase, String plural, Class<? extends HasMetadata> model) {
        this.apiKind = apiKind;
        this.apiBase = apiBase;
        this.plural = plural;
        this.model = model;
    }

    /** The argument spelling and kubectl resource name, e.g. {@code deployment}, {@code hpa}. */
    public String arg() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String wire() {
        return arg();
    }

    /** The API kind, e.g. {@code Deployment}, as events name it in {@code involvedObject.kind}. */
    public String apiKind() {
        return apiKind;
    }

    public Class<? extends HasMetadata> model() {
        return model;
    }

    /** The API path of one object (or the collection when {@code name} is null), for evidence. */
    public String path(String namespace, String name) {
        return apiBase + "/namespaces/" + namespace + "/" + plural + (name == null ? "" : "/" + name);
    }
}
