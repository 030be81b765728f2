package dev.ledger.k8s;

import static dev.ledger.k8s.OverlayTest.RAFT_PORT;
import static dev.ledger.k8s.Rendering.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The raft group: stable member identities that match the peer list every member is given. */
class RaftOverlayTest {

    private final Rendering raft = Rendering.of("overlays/raft");
    private final StatefulSet members = raft.one(StatefulSet.class, "ledger");
    private final Container ledger = raft.ledgerContainer();
    private final Map<String, String> env = raft.env(ledger);

    /** One entry of LEDGER_RAFT_PEERS, split as the service's RaftPeer does: id@host:raftPort@httpUrl. */
    record Peer(String id, String raftHost, int raftPort, URI httpUrl) {

        static Peer parse(String spec) {
            String[] parts = spec.split("@", 3);
            int colon = parts[1].lastIndexOf(':');
            return new Peer(parts[0], parts[1].substring(0, colon),
                    Integer.parseInt(parts[1].substring(colon + 1)), URI.create(parts[2]));
        }
    }

    private int containerPort(String name) {
        return ledger.getPorts().stream().filter(p -> p.getName().equals(name)).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    @Test
    void peerListNamesEveryMemberByItsStableDnsName() {
        List<Peer> peers = Arrays.stream(env.get("LEDGER_RAFT_PEERS").split(",")).map(Peer::parse).toList();
        int replicas = members.getSpec().getReplicas();
        String headless = members.getSpec().getServiceName();

        // StatefulSet pods are <name>-<ordinal>; each is reachable as <pod>.<serviceName> in its namespace.
        assertEquals(IntStream.range(0, replicas).mapToObj(i -> members.getMetadata().getName() + "-" + i).toList(),
                peers.stream().map(Peer::id).toList(), "the peer list does not name the StatefulSet's pods");
        assertEquals(3, replicas);
        for (Peer peer : peers) {
            String dnsName = peer.id() + "." + headless;
            assertEquals(dnsName, peer.raftHost());
            assertEquals(containerPort("raft"), peer.raftPort());
            assertEquals(URI.create("http://" + dnsName + ":" + containerPort("http")), peer.httpUrl());
        }
    }

    @Test
    void eachMemberIsItsPodAndBindsRaftToThePodAddress() {
        assertEquals("fieldRef:metadata.name", env.get("LEDGER_NODE_ID"));
        assertEquals("fieldRef:status.podIP", env.get("LEDGER_RAFT_BIND_HOST"));
        // The port the NetworkPolicy guards.
        assertEquals(RAFT_PORT, containerPort("raft"));
    }

    @Test
    void peerServiceIsHeadlessAndPublishesMembersBeforeTheyAreReady() {
        Service peers = raft.one(Service.class, members.getSpec().getServiceName());

        assertEquals("None", peers.getSpec().getClusterIP());
        assertTrue(peers.getSpec().getPublishNotReadyAddresses(),
                "members would never find each other: readiness needs a leader");
        assertTrue(selects(peers.getSpec().getSelector(), raft.ledger().podLabels()));
        assertTrue(peers.getSpec().getPorts().stream().map(ServicePort::getPort).toList().contains(RAFT_PORT));
    }

    @Test
    void membersStartTogether() {
        // OrderedReady would wait for ledger-0 to be ready, which needs a leader, which needs ledger-1.
        assertEquals("Parallel", members.getSpec().getPodManagementPolicy());
    }

    @Test
    void raftDataLivesOnEachMembersOwnVolume() {
        String dataDir = env.get("LEDGER_RAFT_DATA_DIR");
        List<String> claims = members.getSpec().getVolumeClaimTemplates().stream()
                .map(c -> c.getMetadata().getName()).toList();

        assertTrue(ledger.getVolumeMounts().stream().anyMatch(
                mount -> claims.contains(mount.getName()) && dataDir.startsWith(mount.getMountPath() + "/")),
                dataDir + " is not on a volume claim template");
        assertEquals(185L, members.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup(),
                "the image's user 185 could not write the volume");
    }

    @Test
    void membersShareTheClusterSecretAndTheRaftKeyFromSecretsThatAreNotInTheRepository() throws Exception {
        Secret clusterSecret = raft.all(Secret.class).stream()
                .filter(s -> s.getData().containsKey("LEDGER_CLUSTER_SECRET")).findFirst()
                .orElseThrow(() -> new AssertionError("no Secret holds LEDGER_CLUSTER_SECRET"));
        assertTrue(ledger.getEnvFrom().stream().anyMatch(from -> from.getSecretRef() != null
                && from.getSecretRef().getName().equals(clusterSecret.getMetadata().getName())));
        assertTrue(ledger.getEnv().stream().noneMatch(v -> v.getName().equals("LEDGER_CLUSTER_SECRET")),
                "the cluster secret must not be a plain value in the manifest");
        assertTrue(Rendering.decode(clusterSecret.getData().get("LEDGER_CLUSTER_SECRET")).length() >= 32);

        String keystore = env.get("LEDGER_RAFT_TLS_KEYSTORE");
        VolumeMount mount = ledger.getVolumeMounts().stream()
                .filter(m -> keystore.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(keystore + " is on no volume"));
        assertTrue(mount.getReadOnly());
        Volume volume = members.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        Secret tls = raft.one(Secret.class, volume.getSecret().getSecretName());
        assertTrue(tls.getData().containsKey(keystore.substring(keystore.lastIndexOf('/') + 1)));

        Path ignore = Rendering.k8sDir().resolveSibling(".gitignore");
        assertTrue(Files.readAllLines(ignore).contains("k8s/raft-group/secrets/"), "the secrets would be committed");
    }

    @Test
    void podsAreConfiguredLikeThoseOfTheDatabaseModes() {
        Rendering.Workload stateless = Rendering.of("overlays/pessimistic").ledger();
        Container other = stateless.container("ledger");
        PodSpec pod = raft.ledger().template().getSpec();
        PodSpec otherPod = stateless.template().getSpec();

        assertEquals(other.getImage(), ledger.getImage());
        assertEquals(other.getStartupProbe(), ledger.getStartupProbe());
        assertEquals(other.getLivenessProbe(), ledger.getLivenessProbe());
        assertEquals(other.getReadinessProbe(), ledger.getReadinessProbe());
        assertEquals(other.getLifecycle(), ledger.getLifecycle());
        assertEquals(other.getResources(), ledger.getResources());
        assertEquals(other.getSecurityContext(), ledger.getSecurityContext());
        assertEquals(otherPod.getTerminationGracePeriodSeconds(), pod.getTerminationGracePeriodSeconds());
        assertEquals(otherPod.getAffinity(), pod.getAffinity());
        assertEquals(stateless.template().getMetadata().getAnnotations(),
                raft.ledger().template().getMetadata().getAnnotations());
    }
}
