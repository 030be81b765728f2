package dev.ledger.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionTest {

    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Test
    void anIsolatedNodeReachesNoOtherNode() {
        Partition partition = Partition.isolate("n2", NODES);
        assertEquals("n2 | n1 n3", partition.description());
        assertEquals(Set.of("n1", "n3"), partition.unreachableFrom("n2"));
        assertEquals(Set.of("n2"), partition.unreachableFrom("n1"));
        assertEquals(Set.of(), partition.cutFromDatabase());
    }

    @Test
    void aSplitCutsEveryPairAcrossItsSides() {
        Partition partition = Partition.split(List.of("n1", "n2"), NODES);
        assertEquals("n1 n2 | n3", partition.description());
        assertEquals(Set.of(List.of("n1", "n3"), List.of("n2", "n3")), partition.cutPairs());
        assertEquals(Set.of(), partition.unreachableFrom("n4"));
    }

    @Test
    void aBridgeLeavesTheMiddleReachingBothHalves() {
        Partition partition = Partition.bridge("n2", NODES);
        assertEquals(Set.of(List.of("n1", "n3")), partition.cutPairs());
        assertEquals(Set.of(), partition.unreachableFrom("n2"));
        assertEquals("n1 | n3, bridged by n2", partition.description());
    }

    @Test
    void aCutFromTheEnsembleLeavesTheNodeReachingItsPeersAndTheDatabase() {
        Partition partition = Partition.fromEnsemble("n2", List.of("zk1", "zk2", "zk3"));
        assertEquals("n2 | ZooKeeper zk1 zk2 zk3", partition.description());
        assertEquals(Set.of("zk1", "zk2", "zk3"), partition.unreachableFrom("n2"));
        assertEquals(Set.of("n2"), partition.unreachableFrom("zk1"));
        assertEquals(Set.of(), partition.unreachableFrom("n1"));
        assertEquals(Set.of(), partition.cutFromDatabase());
        assertThrows(IllegalArgumentException.class, () -> Partition.fromEnsemble("n2", List.of()));
    }

    @Test
    void aCutFromTheDatabaseLeavesTheNodesConnected() {
        Partition partition = Partition.fromDatabase("n3");
        assertEquals(Set.of("n3"), partition.cutFromDatabase());
        assertEquals(Set.of(), partition.unreachableFrom("n3"));
    }

    @Test
    void aSplitNeedsNodesOnBothSides() {
        assertThrows(IllegalArgumentException.class, () -> Partition.split(NODES, NODES));
        assertThrows(IllegalArgumentException.class, () -> Partition.split(List.of("n9"), NODES));
    }
}
