package dev.ledger.k8s;

import static dev.ledger.k8s.Rendering.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.mode.raft.RaftPeer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two installs share a namespace: overlays/raft and examples/second-install (its namePrefix blue-, its instance
 * label blue) have no object name in common and select none of each other's pods, and each raft group and each
 * database URL stays within its install.
 */
class TwoInstallsTest {

    static final String INSTANCE = "app.kubernetes.io/instance";

    private final Rendering first = Rendering.of("overlays/raft");
    private final Rendering second = Rendering.of("examples/second-install");

    static Stream<String> kustomizations() {
        return Stream.concat(OverlayTest.overlays().map(overlay -> "overlays/" + overlay),
                Stream.of("examples/managed-postgres", "examples/second-install"));
    }

    /** Namespaced names, the volume claims of the StatefulSets' pods included (claim-statefulset-ordinal). */
    private static Set<String> names(Rendering rendering) {
        Set<String> names = new HashSet<>();
        rendering.objects.forEach(o -> names.add(o.getKind() + " " + o.getMetadata().getName()));
        for (StatefulSet set : rendering.all(StatefulSet.class)) {
            set.getSpec().getVolumeClaimTemplates().forEach(claim -> IntStream.range(0, set.getSpec().getReplicas())
                    .forEach(i -> names.add("PersistentVolumeClaim " + claim.getMetadata().getName() + "-"
                            + set.getMetadata().getName() + "-" + i)));
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyObjectPodAndSelectorCarriesTheInstance(String kustomization) {
        Rendering rendering = Rendering.of(kustomization);
        String instance = rendering.ledger().podLabels().get(INSTANCE);

        for (HasMetadata object : rendering.objects) {
            assertEquals(instance, object.getMetadata().getLabels().get(INSTANCE), object.getKind() + " "
                    + object.getMetadata().getName());
        }
        for (Rendering.Workload workload : rendering.workloads()) {
            assertEquals(instance, workload.podLabels().get(INSTANCE), workload.describe() + "'s pods");
            workload.claimTemplates().forEach(claim ->
                    assertEquals(instance, claim.getMetadata().getLabels().get(INSTANCE), workload.describe()));
        }
        for (Selectors.Selector selector : Selectors.of(rendering)) {
            assertEquals(instance, selector.labels().get(INSTANCE), selector.where());
        }
    }

    @Test
    void theInstallsShareNoName() {
        Set<String> shared = new HashSet<>(names(first));
        shared.retainAll(names(second));

        assertTrue(shared.isEmpty(), "both installs would write " + shared);
        assertNotEquals(first.ledger().podLabels().get(INSTANCE), second.ledger().podLabels().get(INSTANCE));
    }

    @Test
    void noSelectorOfOnePicksPodsOfTheOther() {
        for (Rendering[] pair : new Rendering[][] {{first, second}, {second, first}}) {
            for (Selectors.Selector selector : Selectors.of(pair[0])) {
                for (Rendering.Workload workload : pair[1].workloads()) {
                    assertFalse(selects(selector.labels(), workload.podLabels()),
                            pair[0].kustomization + ": " + selector.where() + " picks " + workload.describe() + " of "
                                    + pair[1].kustomization);
                }
            }
        }
    }

    @Test
    void eachRaftGroupIsMadeOfItsOwnPods() {
        for (Rendering install : new Rendering[] {first, second}) {
            StatefulSet members = install.one(StatefulSet.class, install.ledger().object().getMetadata().getName());
            String headless = install.one(Service.class, members.getSpec().getServiceName()).getMetadata().getName();

            for (RaftPeer peer : RaftOverlayTest.peers(install)) {
                assertTrue(peer.id().startsWith(members.getMetadata().getName() + "-"), peer.toString());
                assertEquals(peer.id() + "." + headless, peer.raftHost());
            }
        }
        assertEquals("blue-ledger", second.ledger().object().getMetadata().getName());
    }

    @Test
    void eachInstallUsesItsOwnDatabase() {
        Set<String> hosts = new HashSet<>();
        for (Rendering install : new Rendering[] {first, second}) {
            Map<String, String> env = install.env(install.ledgerContainer());
            String host = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length())).getHost();
            Service database = install.one(Service.class, host);

            assertTrue(selects(database.getSpec().getSelector(),
                    install.workload(database.getMetadata().getName()).podLabels()), host);
            hosts.add(host);
        }
        assertEquals(2, hosts.size(), "both installs use " + hosts);
    }
}
