package dev.ledger.k8s;

import static dev.ledger.k8s.OverlayTest.RAFT_PORT;
import static dev.ledger.k8s.Rendering.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.mode.raft.RaftPeer;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The raft group: stable member identities that match the peer list every member is given. */
class RaftOverlayTest {

    private final Rendering raft = Rendering.of("overlays/raft");
    private final StatefulSet members = raft.one(StatefulSet.class, "ledger");
    private final Container ledger = raft.ledgerContainer();
    private final Map<String, String> env = raft.env(ledger);

    /** The group as the service makes it from this rendering's environment (RaftPeer.group, the same code). */
    static List<RaftPeer> peers(Rendering rendering) {
        Map<String, String> env = rendering.env(rendering.ledgerContainer());
        String members = env.get("LEDGER_RAFT_MEMBERS");
        return RaftPeer.group(Optional.ofNullable(env.get("LEDGER_RAFT_PEERS")),
                Optional.ofNullable(env.get("LEDGER_RAFT_PEER_TEMPLATE")),
                members == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(members)));
    }

    private int containerPort(String name) {
        return ledger.getPorts().stream().filter(p -> p.getName().equals(name)).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    @Test
    void theMembersAreTheStatefulSetsPodsAtTheirStableDnsNames() {
        List<RaftPeer> peers = peers(raft);
        int replicas = members.getSpec().getReplicas();
        String headless = members.getSpec().getServiceName();

        // StatefulSet pods are <name>-<ordinal>; each is reachable as <pod>.<serviceName> in its namespace.
        assertEquals(IntStream.range(0, replicas).mapToObj(i -> members.getMetadata().getName() + "-" + i).toList(),
                peers.stream().map(RaftPeer::id).toList(), "the member list does not name the StatefulSet's pods");
        assertEquals(3, replicas);
        for (RaftPeer peer : peers) {
            String dnsName = peer.id() + "." + headless;
            assertEquals(dnsName, peer.raftHost());
            assertEquals(containerPort("raft"), peer.raftPort());
            assertEquals(URI.create("http://" + dnsName + ":" + containerPort("http")), peer.httpUrl());
        }
    }

    @Test
    void theMemberListIsMadeFromTheReplicaCountNotWrittenOut() {
        // Kustomize cannot copy a number into an env value (vars take strings only): the count is said twice,
        // side by side, and checked here; the list itself is made by the service.
        assertEquals(String.valueOf(members.getSpec().getReplicas()), env.get("LEDGER_RAFT_MEMBERS"));
        assertTrue(env.get("LEDGER_RAFT_PEER_TEMPLATE").contains(RaftPeer.ORDINAL));
        assertFalse(env.containsKey("LEDGER_RAFT_PEERS"), "a member list written out beside the template");
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
        raft.assertClusterSecretFromAnUncommittedSecret(ledger);

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
