package dev.ledger.k8s;

import static dev.ledger.k8s.OverlayTest.HTTP_PORT;
import static dev.ledger.k8s.Rendering.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zookeeper mode: three stateless ledger pods that elect their leader on a ZooKeeper ensemble of three, whose member
 * list names exactly the StatefulSet's pods, and which only the ledger pods (and the members) can reach.
 */
class ZooKeeperOverlayTest {

    /** The image's defaults (31z4/zookeeper-docker's Dockerfile), where nothing here moves them. */
    private static final Map<String, String> IMAGE_DEFAULTS = Map.of(
            "ZOO_DATA_DIR", "/data", "ZOO_DATA_LOG_DIR", "/datalog", "ZOO_CONF_DIR", "/conf");
    /** The image's user and group, zookeeper. */
    private static final long IMAGE_USER = 1000;

    private final Rendering rendering = Rendering.of("overlays/zookeeper");
    private final StatefulSet ensemble = rendering.one(StatefulSet.class, "zookeeper");
    private final Rendering.Workload members = rendering.workload("zookeeper");
    private final Container zookeeper = members.container("zookeeper");
    private final Map<String, String> zookeeperEnv = rendering.env(zookeeper);
    private final Container ledger = rendering.ledgerContainer();
    private final Map<String, String> ledgerEnv = rendering.env(ledger);

    /** A setting of the ZooKeeper container: its env, else the image's default. */
    private String zookeeperSetting(String name) {
        return zookeeperEnv.getOrDefault(name, IMAGE_DEFAULTS.get(name));
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(p -> p.getName().equals(name))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name));
    }

    @Test
    void theMembersAreTheStatefulSetsPodsAtTheirStableDnsNames() {
        int replicas = ensemble.getSpec().getReplicas();
        String headless = ensemble.getSpec().getServiceName();
        int clientPort = port(zookeeper, "client");
        List<String> servers = Arrays.asList(zookeeperEnv.get("ZOO_SERVERS").trim().split("\\s+"));

        assertEquals(3, replicas);
        // server.<myid>=<pod>.<headless Service>:<quorum>:<election>;<client>, myid = ordinal + 1 (the wrapper).
        assertEquals(IntStream.range(0, replicas).mapToObj(i -> "server." + (i + 1) + "="
                + ensemble.getMetadata().getName() + "-" + i + "." + headless + ":" + port(zookeeper, "quorum") + ":"
                + port(zookeeper, "election") + ";" + clientPort).toList(), servers,
                "ZOO_SERVERS does not name the StatefulSet's pods");
    }

    @Test
    void quorumServiceIsHeadlessAndPublishesMembersBeforeTheyAreReady() {
        Service quorum = rendering.one(Service.class, ensemble.getSpec().getServiceName());

        assertEquals("None", quorum.getSpec().getClusterIP());
        assertTrue(quorum.getSpec().getPublishNotReadyAddresses(),
                "members would never find each other: readiness needs a quorum");
        assertTrue(selects(quorum.getSpec().getSelector(), members.podLabels()));
        assertEquals(Set.of(port(zookeeper, "quorum"), port(zookeeper, "election")),
                quorum.getSpec().getPorts().stream().map(ServicePort::getPort).collect(Collectors.toSet()));
        // OrderedReady would wait for zookeeper-0 to be ready, which needs a quorum, which needs zookeeper-1.
        assertEquals("Parallel", ensemble.getSpec().getPodManagementPolicy());
    }

    @Test
    void myidIsTheOrdinalPlusOneWrittenBeforeTheImagesEntrypointStarts(@TempDir Path data) throws Exception {
        List<String> command = zookeeper.getCommand();
        assertEquals(List.of("bash", "-c"), command.subList(0, 2));
        String script = command.get(2);
        String entrypoint = "exec /docker-entrypoint.sh zkServer.sh start-foreground \"$ZOO_CONF_DIR/zoo.cfg\"";
        assertTrue(script.strip().endsWith(entrypoint), script);

        // Run it up to the entrypoint, as the pod of ordinal 2 (with a namePrefix, whose dashes must not matter).
        Command.Result ran = Command.run(List.of("bash", "-c", script.replace(entrypoint, "exit 0")), data,
                Map.of("HOSTNAME", "blue-" + ensemble.getMetadata().getName() + "-2",
                        "ZOO_DATA_DIR", data.toString()));

        assertEquals(0, ran.exitCode(), ran.describe());
        assertEquals("3", Files.readString(data.resolve("myid")).strip());
        assertTrue(zookeeperEnv.get("ZOO_SERVERS").contains("server.3=" + ensemble.getMetadata().getName() + "-2."));
    }

    @Test
    void theLedgerConnectsThroughTheClientService() {
        String[] connect = ledgerEnv.get("LEDGER_ZOOKEEPER_CONNECT").split(":");
        Service client = rendering.one(Service.class, connect[0]);

        assertEquals(2, connect.length, "one host:port");
        assertNotEquals("None", client.getSpec().getClusterIP(), "a headless Service has no address of its own");
        assertTrue(selects(client.getSpec().getSelector(), members.podLabels()));
        ServicePort port = client.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == Integer.parseInt(connect[1])).findFirst()
                .orElseThrow(() -> new AssertionError("Service " + connect[0] + " has no port " + connect[1]));
        assertEquals(port(zookeeper, "client"), OverlayTest.portNumber(port.getTargetPort(), zookeeper));
    }

    @Test
    void everyLedgerPodJoinsTheElectionAndIsReachedAtItsOwnAddress() {
        Deployment deployment = assertInstanceOf(Deployment.class, rendering.ledger().object());
        List<String> listed = ledger.getEnv().stream().map(EnvVar::getName).toList();

        assertEquals(3, deployment.getSpec().getReplicas());
        assertEquals("zookeeper", ledgerEnv.get("LEDGER_MODE"));
        assertEquals("fieldRef:status.podIP", ledgerEnv.get("POD_IP"));
        assertEquals("http://$(POD_IP):" + HTTP_PORT, ledgerEnv.get("LEDGER_ZOOKEEPER_HTTP_URL"));
        // Kubernetes fills in $(POD_IP) only from a variable listed before.
        assertTrue(listed.indexOf("POD_IP") < listed.indexOf("LEDGER_ZOOKEEPER_HTTP_URL"));
        assertEquals(HTTP_PORT, port(ledger, "http"));
        assertTrue(ledgerEnv.keySet().stream().noneMatch(name -> name.startsWith("LEDGER_RAFT_")));
    }

    @Test
    void ledgerPodsShareTheClusterSecretFromASecretThatIsNotInTheRepository() throws Exception {
        rendering.assertClusterSecretFromAnUncommittedSecret(ledger);
    }

    @Test
    void zookeeperRunsAsTheImagesUserOnAReadOnlyRootWritingOnlyToVolumes() {
        PodSecurityContext pod = members.template().getSpec().getSecurityContext();
        var container = zookeeper.getSecurityContext();
        List<String> claims = members.claimTemplates().stream().map(c -> c.getMetadata().getName()).toList();

        assertTrue(pod.getRunAsNonRoot());
        assertEquals(IMAGE_USER, pod.getRunAsUser(), "as root the entrypoint would chown and switch users");
        assertEquals(IMAGE_USER, pod.getFsGroup(), "the image's user could not write the data volume");
        assertEquals("RuntimeDefault", pod.getSeccompProfile().getType());
        assertTrue(container.getReadOnlyRootFilesystem());
        assertFalse(container.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getCapabilities().getDrop());

        // myid and snapshots, the transaction log, zoo.cfg (the entrypoint), the JVM's perf data.
        for (String path : List.of(zookeeperSetting("ZOO_DATA_DIR"), zookeeperSetting("ZOO_DATA_LOG_DIR"),
                zookeeperSetting("ZOO_CONF_DIR"), FilesystemTest.TMP)) {
            VolumeMount mount = mountOf(path);
            assertNotEquals(Boolean.TRUE, mount.getReadOnly(), path);
        }
        // Committed data survives a restart: the snapshots and the transaction log are on the member's own volume.
        assertTrue(claims.contains(mountOf(zookeeperSetting("ZOO_DATA_DIR")).getName()));
        assertTrue(claims.contains(mountOf(zookeeperSetting("ZOO_DATA_LOG_DIR")).getName()));
        // Not /conf: the image's logback.xml is there, on zkServer.sh's class path.
        assertNotEquals("/conf", zookeeperSetting("ZOO_CONF_DIR"));
    }

    private VolumeMount mountOf(String path) {
        return zookeeper.getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError(path + " is on the read-only root"));
    }

    @Test
    void probesAskTheFourLetterWordsTheServerAllowsAndTheQuorumBindsEverywhere() {
        Set<String> allowed = Set.of(zookeeperEnv.get("ZOO_4LW_COMMANDS_WHITELIST").split(","));
        String readiness = String.join(" ", zookeeper.getReadinessProbe().getExec().getCommand());
        String liveness = String.join(" ", zookeeper.getLivenessProbe().getExec().getCommand());
        String clientPort = "/" + port(zookeeper, "client") + " ";

        // Ready only as leader or follower of a quorum; live whenever the server answers, quorum or not.
        assertTrue(readiness.contains("srvr") && readiness.contains("Mode: ") && readiness.contains(clientPort),
                readiness);
        assertTrue(liveness.contains("ruok") && liveness.contains("imok") && liveness.contains(clientPort), liveness);
        assertEquals(Set.of("srvr", "ruok"), allowed);
        assertTrue(Arrays.asList(zookeeperEnv.get("ZOO_CFG_EXTRA").split("\\s+"))
                .contains("quorumListenOnAllIPs=true"));
        assertEquals("false", zookeeperEnv.get("ZOO_ADMINSERVER_ENABLED"));
    }

    @Test
    void zookeeperHasBoundedResourcesAndAHeapWithinThem() {
        var resources = zookeeper.getResources();
        long heapBytes = Long.parseLong(zookeeperEnv.get("ZK_SERVER_HEAP")) * 1024 * 1024;

        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(resources.getRequests().get(resource), resource + " request");
            assertTrue(resources.getRequests().get(resource).getNumericalAmount()
                    .compareTo(resources.getLimits().get(resource).getNumericalAmount()) <= 0, resource);
        }
        // zkServer.sh's -Xmx (its default, 1000 MB, would be above the limit), with room for the rest of the JVM.
        assertTrue(heapBytes * 3 / 2 <= resources.getLimits().get("memory").getNumericalAmount().longValue());
    }

    @Test
    void aDisruptionTakesOneMemberAtATime() {
        PodDisruptionBudget budget = rendering.all(PodDisruptionBudget.class).stream()
                .filter(b -> selects(b.getSpec().getSelector(), members.podLabels())).findFirst()
                .orElseThrow(() -> new AssertionError("no PodDisruptionBudget for the members"));

        assertEquals(new IntOrString(1), budget.getSpec().getMaxUnavailable());
    }

    @Test
    void onlyLedgerPodsReachTheClientPortAndOnlyMembersTheQuorumPorts() {
        List<NetworkPolicyIngressRule> rules = rendering.all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), members.podLabels()))
                .peek(p -> assertTrue(p.getSpec().getPolicyTypes().contains("Ingress")))
                .flatMap(p -> p.getSpec().getIngress().stream()).toList();

        assertFalse(rules.isEmpty(), "no NetworkPolicy isolates the members' ingress");
        assertEquals(Set.of(rendering.ledger()), reachers(rules, port(zookeeper, "client")));
        assertEquals(Set.of(members), reachers(rules, port(zookeeper, "quorum")));
        assertEquals(Set.of(members), reachers(rules, port(zookeeper, "election")));
    }

    @Test
    void ledgerPodsReachEachOthersHttpPortForForwards() {
        Map<String, String> ledgerPods = rendering.ledger().podLabels();
        List<NetworkPolicyIngressRule> rules = rendering.all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), ledgerPods))
                .flatMap(p -> p.getSpec().getIngress().stream()).toList();

        assertTrue(reachers(rules, HTTP_PORT).contains(rendering.ledger()), "a follower could not forward");
    }

    /** The workloads whose pods some rule lets through to this port; every rule names its sources by pod labels. */
    private Set<Rendering.Workload> reachers(List<NetworkPolicyIngressRule> rules, int port) {
        return rules.stream().filter(rule -> rule.getPorts().isEmpty()
                        || rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == port))
                .flatMap(rule -> rendering.workloads().stream().filter(w -> rule.getFrom().isEmpty()
                        || rule.getFrom().stream().anyMatch(peer -> picks(peer, w))))
                .collect(Collectors.toSet());
    }

    private static boolean picks(NetworkPolicyPeer peer, Rendering.Workload workload) {
        assertTrue(peer.getIpBlock() == null && peer.getNamespaceSelector() == null, "open beyond pods: " + peer);
        return selects(peer.getPodSelector(), workload.podLabels());
    }
}
