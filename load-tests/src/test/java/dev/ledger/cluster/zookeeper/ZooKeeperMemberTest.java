package dev.ledger.cluster.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.EmbeddedDatabase;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZooKeeperMemberTest {

    private static final LedgerHome HOME = new LedgerHome(Path.of("/repo"));

    @Test
    void membersSitTwoThreeAndFourHundredPortsAboveTheBase() {
        List<ZooKeeperMember> members = ZooKeeperMember.forCluster(HOME, 8081, false);

        assertEquals(List.of(
                new ZooKeeperMember(1, "127.0.0.1", 8282, 8382, 8482, Path.of("/repo/.ledger/cluster/zookeeper/zk1")),
                new ZooKeeperMember(2, "127.0.0.1", 8283, 8383, 8483, Path.of("/repo/.ledger/cluster/zookeeper/zk2")),
                new ZooKeeperMember(3, "127.0.0.1", 8284, 8384, 8484, Path.of("/repo/.ledger/cluster/zookeeper/zk3"))),
                members);
        assertEquals("127.0.0.1:8282,127.0.0.1:8283,127.0.0.1:8284", ZooKeeperMember.connectString(members));
        assertEquals(List.of("zk1", "zk2", "zk3"), members.stream().map(ZooKeeperMember::id).toList());
    }

    @Test
    void theHighestPortIsTheHighestOfAnyMember() {
        assertEquals(ZooKeeperMember.forCluster(HOME, 8081, false).stream()
                        .flatMap(member -> member.listenPorts().stream()).max(Integer::compare).orElseThrow(),
                ZooKeeperMember.highestPort(8081));
    }

    /** At the base ports of {@code ./ledger up} (8081) and {@code ./ledger compare} (18081). */
    @ParameterizedTest
    @ValueSource(ints = {8081, 18081})
    void noPortClashesWithAnotherPortOfAThreeNodeCluster(int basePort) {
        ClusterOptions options = new ClusterOptions(Mode.RAFT, 3, basePort, false, false, false, false, false);
        List<Integer> otherPorts = new ArrayList<>(List.of(EmbeddedDatabase.PREFERRED_PORT));
        NodeSpec.forCluster(HOME, options).forEach(node -> otherPorts.addAll(node.listenPorts(Mode.RAFT)));

        List<Integer> memberPorts = ZooKeeperMember.forCluster(HOME, basePort, false).stream()
                .flatMap(member -> member.listenPorts().stream()).toList();

        assertEquals(3 * 3, new HashSet<>(memberPorts).size(), "each member has three ports of its own");
        assertEquals(3 * 2 + 1, new HashSet<>(otherPorts).size(), "the nodes' and PostgreSQL's ports");
        assertTrue(Collections.disjoint(memberPorts, otherPorts), memberPorts + " and " + otherPorts);
    }
}
