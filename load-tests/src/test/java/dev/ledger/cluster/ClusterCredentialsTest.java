package dev.ledger.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.contract.Mode;
import dev.ledger.contract.NodeEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCredentialsTest {

    @TempDir
    Path root;

    /** Both modes with a leader sign what followers forward with the secret; only raft has a TLS key. */
    @Test
    void theModesWithALeaderShareTheSecretAndRaftAloneGetsTheKeystore() throws IOException {
        ClusterCredentials credentials = ClusterCredentials.create(new LedgerHome(root), false);

        Map<String, String> raft = credentials.environment(Mode.RAFT);
        Map<String, String> zooKeeper = credentials.environment(Mode.ZOOKEEPER);
        Map<String, String> pessimistic = credentials.environment(Mode.PESSIMISTIC);

        assertEquals(credentials.clusterSecret(), raft.get(NodeEnvironment.CLUSTER_SECRET));
        assertTrue(raft.containsKey(NodeEnvironment.RAFT_TLS_KEYSTORE));
        assertEquals(Map.of(NodeEnvironment.CLUSTER_SECRET, credentials.clusterSecret()), zooKeeper);
        assertEquals(Map.of(), pessimistic);
        assertFalse(credentials.clusterSecret().isBlank());
    }
}
