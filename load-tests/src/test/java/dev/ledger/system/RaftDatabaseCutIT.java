package dev.ledger.system;

import dev.ledger.contract.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The raft leader loses PostgreSQL while its followers keep it: each node reaches the database through a relay of
 * its own, and the leader's is cut half-open (nothing answers, no connection ends). Its apply stalls, so it stops
 * taking proposals, reports not ready and hands leadership to a peer that can apply; writes go on without it.
 * Once the relay is restored it catches up, and every transfer took effect exactly once.
 */
class RaftDatabaseCutIT {

    private static final int BASE_PORT = 18111;

    private static DatabaseProxies proxies;
    private static RaftTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        proxies = new DatabaseProxies();
        cluster = new RaftTestCluster(RaftDatabaseCutIT.class.getSimpleName(), Mode.RAFT, BASE_PORT, false,
                proxies);
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (proxies != null) {
            proxies.close();
        }
    }

    @Test
    void aLeaderCutOffFromPostgresqlHandsOverAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        DatabaseFaults.cutLeader(cluster, proxies, "leader-cut-off");
    }
}
