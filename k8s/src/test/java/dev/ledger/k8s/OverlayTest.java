package dev.ledger.k8s;

import static dev.ledger.k8s.Rendering.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.contract.Mode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every overlay must get right, whatever the mode: each one is rendered and checked the same way. */
class OverlayTest {

    /** The values of {@code ledger.mode}. */
    static final Set<String> MODES = Arrays.stream(Mode.values()).map(Mode::value).collect(Collectors.toSet());
    /** quarkus.http.port in the service's application.properties. */
    static final int HTTP_PORT = 8080;
    /** The raft port of every member in the raft overlay's peer list. */
    static final int RAFT_PORT = 8181;
    /** How long a stopping raft leader waits for a successor (LedgerRaftNode.HANDOVER_WAIT_MS). */
    static final long HANDOVER_SECONDS = 3;
    /** A reference to another variable in an env value, $(NAME) (Kubernetes' "dependent environment variables"). */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    static Stream<String> overlays() {
        try (Stream<Path> dirs = Files.list(Rendering.k8sDir().resolve("overlays"))) {
            return dirs.map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thereIsOneOverlayPerModeAndNoOther() {
        assertEquals(MODES, overlays().collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void setsTheModeOfItsName(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);

        assertEquals(overlay, rendering.env(rendering.ledgerContainer()).get("LEDGER_MODE"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferenceFindsItsObject(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);

        for (Rendering.Workload workload : rendering.workloads()) {
            Set<String> volumes = new HashSet<>();
            workload.template().getSpec().getVolumes().forEach(v -> volumes.add(v.getName()));
            workload.claimTemplates().forEach(c -> volumes.add(c.getMetadata().getName()));
            for (Container container : workload.template().getSpec().getContainers()) {
                String where = workload.describe() + " container " + container.getName();
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        rendering.one(ConfigMap.class, from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        rendering.one(Secret.class, from.getSecretRef().getName());
                    }
                }
                for (EnvVar variable : container.getEnv()) {
                    var source = variable.getValueFrom();
                    if (source != null && source.getSecretKeyRef() != null) {
                        Secret secret = rendering.one(Secret.class, source.getSecretKeyRef().getName());
                        assertTrue(secret.getData().containsKey(source.getSecretKeyRef().getKey()),
                                where + ": " + variable.getName() + " reads a key the Secret does not have");
                    }
                }
                for (VolumeMount mount : container.getVolumeMounts()) {
                    assertTrue(volumes.contains(mount.getName()), where + " mounts an unknown volume " + mount);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kustomizeFilledInEveryNameTheSettingsRead(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);
        Container ledger = rendering.ledgerContainer();
        List<String> listed = ledger.getEnv().stream().map(EnvVar::getName).toList();

        // A var kustomize did not know would stay $(NAME), which Kubernetes passes on as it is, unless NAME is a
        // variable listed before this one in the container's env: that one Kubernetes fills in itself.
        rendering.env(ledger).forEach((name, value) -> {
            if (value == null) {
                return;
            }
            List<String> before = listed.contains(name) ? listed.subList(0, listed.indexOf(name)) : List.of();
            Matcher reference = REFERENCE.matcher(value);
            String unresolved = reference.replaceAll(
                    r -> before.contains(r.group(1)) ? "" : Matcher.quoteReplacement(r.group()));
            assertFalse(unresolved.contains("$("), name + "=" + value);
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceSelectsOneWorkloadOnPortsItsPodsOpen(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);

        for (Service service : rendering.all(Service.class)) {
            String name = service.getMetadata().getName();
            List<Rendering.Workload> selected = rendering.workloads().stream()
                    .filter(w -> selects(service.getSpec().getSelector(), w.podLabels())).toList();
            assertEquals(1, selected.size(), "Service " + name + " selects " + selected);
            List<ContainerPort> podPorts = selected.get(0).template().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).toList();
            for (ServicePort port : service.getSpec().getPorts()) {
                assertTrue(podPorts.stream().anyMatch(p -> targets(port.getTargetPort(), p)),
                        "Service " + name + " port " + port.getName() + " targets no port of "
                                + selected.get(0).describe());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void clientServiceCarriesOnlyHttp(String overlay) {
        Service client = Rendering.of("overlays/" + overlay).one(Service.class, "ledger");
        Container ledger = Rendering.of("overlays/" + overlay).ledgerContainer();

        assertEquals(List.of(HTTP_PORT), client.getSpec().getPorts().stream()
                .map(port -> portNumber(port.getTargetPort(), ledger)).toList());
        assertFalse(client.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == RAFT_PORT));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskTheQuarkusHealthEndpointsOnTheHttpPort(String overlay) {
        Container ledger = Rendering.of("overlays/" + overlay).ledgerContainer();

        assertHttpProbe(ledger, ledger.getStartupProbe(), Set.of("/q/health/started", "/q/health/live"));
        // Liveness must not depend on the quorum or the database: only /q/health/live does not.
        assertHttpProbe(ledger, ledger.getLivenessProbe(), Set.of("/q/health/live"));
        assertHttpProbe(ledger, ledger.getReadinessProbe(), Set.of("/q/health/ready"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyLedgerPodsReachTheRaftPortWhileTheApiStaysOpen(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);
        Map<String, String> ledgerPods = rendering.ledger().podLabels();
        List<NetworkPolicy> policies = rendering.all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), ledgerPods)).toList();
        assertTrue(policies.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains("Ingress")),
                "no NetworkPolicy isolates the ledger pods' ingress");
        List<NetworkPolicyIngressRule> rules = policies.stream()
                .flatMap(p -> p.getSpec().getIngress().stream()).toList();

        for (NetworkPolicyIngressRule rule : rules.stream().filter(r -> opens(r, RAFT_PORT)).toList()) {
            assertFalse(rule.getFrom().isEmpty(), "a rule opens the raft port to everyone: " + rule);
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertTrue(peer.getIpBlock() == null && peer.getNamespaceSelector() == null
                        && peer.getPodSelector() != null && onlyLedgerPods(rendering, peer),
                        "raft port open to " + peer);
            }
        }
        assertTrue(rules.stream().anyMatch(r -> opens(r, RAFT_PORT)), "the members cannot reach each other");
        assertTrue(rules.stream().anyMatch(r -> opens(r, HTTP_PORT) && r.getFrom().isEmpty()),
                "clients cannot reach the API");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aDisruptionTakesOneLedgerPodAtATime(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);
        PodDisruptionBudget budget = rendering.one(PodDisruptionBudget.class, "ledger");

        assertEquals(new IntOrString(1), budget.getSpec().getMaxUnavailable());
        assertTrue(selects(budget.getSpec().getSelector(), rendering.ledger().podLabels()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void stopsWithinItsGracePeriod(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);
        Container ledger = rendering.ledgerContainer();
        List<String> preStop = ledger.getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", preStop.get(0));
        long drainSeconds = Long.parseLong(preStop.get(1));
        String shutdownTimeout = rendering.env(ledger).get("QUARKUS_SHUTDOWN_TIMEOUT");
        long requestsSeconds = Duration.parse("PT" + shutdownTimeout.toUpperCase(Locale.ROOT)).toSeconds();
        long graceSeconds = rendering.ledger().template().getSpec().getTerminationGracePeriodSeconds();

        assertTrue(drainSeconds + requestsSeconds + HANDOVER_SECONDS < graceSeconds,
                "the kubelet would kill the pod before it has handed over: grace " + graceSeconds + " s");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void listensBeyondLoopbackAndIsScrapedByPrometheus(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);
        Container ledger = rendering.ledgerContainer();
        Map<String, String> annotations = rendering.ledger().template().getMetadata().getAnnotations();

        assertEquals("0.0.0.0", rendering.env(ledger).get("QUARKUS_HTTP_HOST"));
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(HTTP_PORT), annotations.get("prometheus.io/port"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ledgerPodsAreSpreadOverMachinesWithBoundedResources(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);
        var antiAffinity = rendering.ledger().template().getSpec().getAffinity().getPodAntiAffinity();
        var resources = rendering.ledgerContainer().getResources();

        assertTrue(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution().stream()
                .map(term -> term.getPodAffinityTerm())
                .anyMatch(term -> term.getTopologyKey().equals("kubernetes.io/hostname")
                        && selects(term.getLabelSelector(), rendering.ledger().podLabels())));
        for (String resource : List.of("cpu", "memory")) {
            var request = resources.getRequests().get(resource);
            var limit = resources.getLimits().get(resource);
            assertNotNull(request, resource + " request");
            assertNotNull(limit, resource + " limit");
            assertTrue(request.getNumericalAmount().compareTo(limit.getNumericalAmount()) <= 0,
                    resource + " request above its limit");
        }
    }

    private static void assertHttpProbe(Container container, Probe probe, Set<String> paths) {
        assertNotNull(probe, container.getName() + " lacks a probe");
        assertTrue(paths.contains(probe.getHttpGet().getPath()), probe.getHttpGet().getPath());
        assertEquals(HTTP_PORT, portNumber(probe.getHttpGet().getPort(), container));
    }

    /** A port given by number or by the name of one of the container's ports. */
    static int portNumber(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
    }

    private static boolean targets(IntOrString target, ContainerPort port) {
        return target.getIntVal() != null
                ? target.getIntVal().equals(port.getContainerPort())
                : target.getStrVal().equals(port.getName());
    }

    /** Whether a rule lets traffic to this port through: no ports listed means all ports. */
    private static boolean opens(NetworkPolicyIngressRule rule, int port) {
        List<NetworkPolicyPort> ports = rule.getPorts();
        return ports.isEmpty() || ports.stream().anyMatch(p -> {
            int from = p.getPort().getIntVal();
            int to = p.getEndPort() == null ? from : p.getEndPort();
            return from <= port && port <= to;
        });
    }

    /** The peer's pod selector picks the ledger pods and the pods of no other workload. */
    private static boolean onlyLedgerPods(Rendering rendering, NetworkPolicyPeer peer) {
        return rendering.workloads().stream()
                .allMatch(w -> selects(peer.getPodSelector(), w.podLabels()) == w.equals(rendering.ledger()));
    }
}
