package dev.ledger.cluster.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.LedgerHome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZooKeeperConfigTest {

    @Test
    void aMemberListensOnLoopbackAndNamesEveryMember() {
        List<ZooKeeperMember> members = ZooKeeperMember.forCluster(new LedgerHome(Path.of("/repo")), 8081, false);

        assertEquals("""
                tickTime=500
                initLimit=10
                syncLimit=5
                dataDir=/repo/.ledger/cluster/zookeeper/zk2/data
                clientPort=8283
                clientPortAddress=127.0.0.1
                admin.enableServer=false
                4lw.commands.whitelist=srvr,ruok,mntr,stat
                server.1=127.0.0.1:8382:8482
                server.2=127.0.0.1:8383:8483
                server.3=127.0.0.1:8384:8484
                """, ZooKeeperConfig.render(members.get(1), members));
    }
}
