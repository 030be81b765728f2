package dev.ledger.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalClusterPortsTest {

    private static final LedgerHome HOME = new LedgerHome(Path.of("/repo"));

    /** On loopback; with --isolated each member listens in a namespace of its own, where no port is taken. */
    @Test
    void aTakenZooKeeperPortStopsTheZooKeeperModeBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Loopback.ADDRESS))) {
            int port = taken.getLocalPort();
            int basePort = port - ZooKeeperMember.CLIENT_PORT_OFFSET - 1; // member 1's client port is taken
            ClusterOptions onLoopback = new ClusterOptions(Mode.ZOOKEEPER, 3, basePort, false, false, false, false,
                    false);

            CommandFailedException refused = assertThrows(CommandFailedException.class,
                    () -> LocalCluster.requireFreePorts(HOME, onLoopback));

            assertTrue(refused.getMessage().contains(String.valueOf(port)), refused.getMessage());
            LocalCluster.requireFreePorts(HOME,
                    new ClusterOptions(Mode.ZOOKEEPER, 3, basePort, false, false, false, false, true));
        }
    }

    @Test
    void theOtherModesDoNotCheckTheZooKeeperPorts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Loopback.ADDRESS))) {
            int basePort = taken.getLocalPort() - ZooKeeperMember.CLIENT_PORT_OFFSET - 1;
            // Isolated: the nodes' own ports, which another program may hold here, are not checked either.
            LocalCluster.requireFreePorts(HOME,
                    new ClusterOptions(Mode.RAFT, 3, basePort, false, false, false, false, true));
        }
    }
}
