package dev.ledger.cluster.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZooKeeperRoleTest {

    /** A leader's reply, as ZooKeeper 3.9.5 gives it (followers leave out the last line). */
    private static String srvrReply(String mode) {
        return """
                Zookeeper version: 3.9.5-293c895a8d966a3ecb92872be4a1daf87d725da2, built on 2026-02-11 20:18 UTC
                Latency min/avg/max: 0/0.0/0
                Received: 2
                Sent: 1
                Connections: 1
                Outstanding: 0
                Zxid: 0x100000000
                Mode: %s
                Node count: 5
                Proposal sizes last/min/max: -1/-1/-1
                """.formatted(mode);
    }

    @Test
    void aMemberInAQuorumNamesItsRole() {
        assertEquals(ZooKeeperRole.LEADER, ZooKeeperRole.fromSrvr(srvrReply("leader")));
        assertEquals(ZooKeeperRole.FOLLOWER, ZooKeeperRole.fromSrvr(srvrReply("follower")));
    }

    @Test
    void aMemberWithoutAQuorumSaysItDoesNotServe() {
        assertEquals(ZooKeeperRole.NOT_SERVING,
                ZooKeeperRole.fromSrvr("This ZooKeeper instance is not currently serving requests\n"));
    }

    @Test
    void anEmptyReplyIsNoAnswer() {
        assertEquals(ZooKeeperRole.NO_ANSWER, ZooKeeperRole.fromSrvr(""));
    }

    @Test
    void aMemberSetUpOtherwiseIsABug() {
        assertThrows(IllegalStateException.class, () -> ZooKeeperRole.fromSrvr(srvrReply("standalone")));
        assertThrows(IllegalStateException.class,
                () -> ZooKeeperRole.fromSrvr("srvr is not executed because it is not in the whitelist.\n"));
    }

    @Test
    void onlyLeaderAndFollowerAreInTheQuorum() {
        assertEquals(List.of(ZooKeeperRole.LEADER, ZooKeeperRole.FOLLOWER),
                Arrays.stream(ZooKeeperRole.values()).filter(ZooKeeperRole::inQuorum).toList());
    }
}
