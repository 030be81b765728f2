package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** One kustomization of k8s/ as {@code kubectl kustomize} renders it, parsed strictly into the Kubernetes model. */
final class Rendering {

    /** Surefire runs in the module directory, k8s/. */
    private static final Path K8S = Path.of("").toAbsolutePath();
    private static final Map<String, Rendering> RENDERED = new ConcurrentHashMap<>();

    final String kustomization;
    final List<HasMetadata> objects;

    private Rendering(String kustomization, List<HasMetadata> objects) {
        this.kustomization = kustomization;
        this.objects = objects;
    }

    /** The kustomization at this path under k8s/, e.g. {@code overlays/raft}; rendered once per test run. */
    static Rendering of(String kustomization) {
        Kubectl.makeSecrets(K8S.resolve("raft-group/make-secrets.sh"));
        Kubectl.makeSecrets(K8S.resolve("cluster-secret/make-secret.sh"));
        return RENDERED.computeIfAbsent(kustomization,
                path -> new Rendering(path, StrictModel.parseAll(Kubectl.kustomize(K8S.resolve(path)))));
    }

    static Path k8sDir() {
        return K8S;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T one(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                kustomization + " renders no " + kind.getSimpleName() + " " + name));
    }

    /** A Deployment or a StatefulSet, seen through what they have in common. */
    record Workload(HasMetadata object, LabelSelector selector, PodTemplateSpec template,
            List<PersistentVolumeClaim> claimTemplates) {

        String describe() {
            return object.getKind() + " " + object.getMetadata().getName();
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }

        Container container(String name) {
            return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(describe() + " has no container " + name));
        }
    }

    List<Workload> workloads() {
        return Stream.concat(
                all(Deployment.class).stream().map(d -> new Workload(d, d.getSpec().getSelector(),
                        d.getSpec().getTemplate(), List.of())),
                all(StatefulSet.class).stream().map(s -> new Workload(s, s.getSpec().getSelector(),
                        s.getSpec().getTemplate(), s.getSpec().getVolumeClaimTemplates())))
                .toList();
    }

    Workload workload(String name) {
        List<Workload> named = workloads().stream()
                .filter(w -> w.object().getMetadata().getName().equals(name)).toList();
        assertEquals(1, named.size(), kustomization + ": workloads named " + name);
        return named.get(0);
    }

    /**
     * The ledger service's pods: the one Deployment or StatefulSet whose pods are app.kubernetes.io/name=ledger (named
     * ledger, unless a namePrefix says otherwise), with one container named ledger.
     */
    Workload ledger() {
        List<Workload> ledger = workloads().stream()
                .filter(w -> "ledger".equals(w.podLabels().get("app.kubernetes.io/name"))).toList();
        assertEquals(1, ledger.size(), kustomization + ": ledger workloads");
        return ledger.get(0);
    }

    Container ledgerContainer() {
        return ledger().container("ledger");
    }

    /**
     * The environment a container starts with, as far as this rendering tells it: envFrom sources in order, then
     * env (which wins). Secret values are decoded; a field reference reads {@code fieldRef:<path>}. A source that
     * is not in the rendering (a Secret created beside it) contributes nothing.
     */
    Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                find(ConfigMap.class, from.getConfigMapRef().getName()).ifPresent(c -> env.putAll(c.getData()));
            }
            if (from.getSecretRef() != null) {
                find(Secret.class, from.getSecretRef().getName())
                        .ifPresent(s -> s.getData().forEach((key, value) -> env.put(key, decode(value))));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), variable.getValueFrom() == null
                    ? variable.getValue() : valueOf(variable.getValueFrom()));
        }
        return env;
    }

    private String valueOf(EnvVarSource source) {
        if (source.getFieldRef() != null) {
            return "fieldRef:" + source.getFieldRef().getFieldPath();
        }
        if (source.getSecretKeyRef() != null) {
            return find(Secret.class, source.getSecretKeyRef().getName())
                    .map(s -> decode(s.getData().get(source.getSecretKeyRef().getKey()))).orElse(null);
        }
        throw new AssertionError("unexpected env source " + source);
    }

    /**
     * The nodes of a leader mode share their cluster secret from a Secret (never a plain value in the manifest) of at
     * least 32 characters, made by {@code k8s/cluster-secret/make-secret.sh} into a folder git ignores.
     */
    void assertClusterSecretFromAnUncommittedSecret(Container ledger) throws IOException {
        Secret clusterSecret = all(Secret.class).stream()
                .filter(s -> s.getData().containsKey("LEDGER_CLUSTER_SECRET")).findFirst()
                .orElseThrow(() -> new AssertionError("no Secret holds LEDGER_CLUSTER_SECRET"));
        assertTrue(ledger.getEnvFrom().stream().anyMatch(from -> from.getSecretRef() != null
                && from.getSecretRef().getName().equals(clusterSecret.getMetadata().getName())));
        assertTrue(ledger.getEnv().stream().noneMatch(v -> v.getName().equals("LEDGER_CLUSTER_SECRET")),
                "the cluster secret must not be a plain value in the manifest");
        assertTrue(decode(clusterSecret.getData().get("LEDGER_CLUSTER_SECRET")).length() >= 32);
        Path ignore = k8sDir().resolve("cluster-secret/.gitignore");
        assertTrue(Files.readAllLines(ignore).contains("/secrets/"), "the secret would be committed");
    }

    /** MIME decoding: kustomize wraps long values over lines, which Kubernetes (Go's decoder) also accepts. */
    static String decode(String base64) {
        return base64 == null ? null : new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** Whether a non-empty selector picks pods with these labels. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertTrue(selector.getMatchExpressions().isEmpty(), "matchExpressions are not checked here: " + selector);
        return selects(selector.getMatchLabels(), labels);
    }
}
