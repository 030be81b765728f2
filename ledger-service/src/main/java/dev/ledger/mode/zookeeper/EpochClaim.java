package dev.ledger.mode.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * Draws the token of a new leadership from the epoch znode and publishes the leader, in one ZooKeeper transaction
 * that holds only while the leadership's latch node exists.
 *
 * <p>The epoch znode is persistent and holds the last token drawn. The next token is {@code max(epoch, floor) + 1},
 * where the floor is the highest token PostgreSQL has seen: so a ZooKeeper that lost its data, or an older one, still
 * yields a token above every token that ever wrote (no manual step). The epoch is written with its version as read,
 * which ZooKeeper checks against the current one however stale the read was, and the transaction also checks that
 * the latch node exists: a node that no longer leads (its session expired, and Curator quietly opened a new one) can
 * neither draw a token nor publish itself. (A latch node's name starts with a random id, Curator's protection, so no
 * later node takes the path of one that is gone.) So each token drawn is greater than every one drawn before.
 *
 * <p>Not the latch node's sequence number: it counts children of a container znode, which ZooKeeper deletes when it
 * is empty, and then it starts again at 0.
 */
final class EpochClaim {

    /** A conflict means another leadership drew a token meanwhile, so this one is about to fail the latch check. */
    private static final int MAX_ATTEMPTS = 5;
    private static final int LATCH_CHECK = 0;

    private final CuratorFramework client;
    private final ElectionConfig config;

    EpochClaim(CuratorFramework client, ElectionConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * Draws a token for the leadership held by {@code latchNode} and publishes this node as the leader under it.
     *
     * @param floor the highest token PostgreSQL has seen
     * @return the token, or empty if {@code latchNode} is gone: that leadership is over
     */
    OptionalLong claim(String latchNode, long floor) throws Exception {
        KeeperException conflict = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stat epochStat = new Stat();
            long token = Math.max(readEpoch(epochStat), floor) + 1;
            List<CuratorOp> operations = new ArrayList<>();
            operations.add(client.transactionOp().check().forPath(latchNode));
            operations.add(client.transactionOp().setData().withVersion(epochStat.getVersion())
                    .forPath(config.epochPath(), encode(token)));
            // The leader znode may still be an earlier leadership's: its session outlives its leadership.
            if (client.checkExists().forPath(config.leaderPath()) != null) {
                operations.add(client.transactionOp().delete().forPath(config.leaderPath()));
            }
            operations.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(config.leaderPath(),
                    new PublishedLeader(config.nodeId(), config.httpUrl(), token).toBytes()));
            try {
                client.transaction().forOperations(operations);
                return OptionalLong.of(token);
            } catch (KeeperException e) {
                if (latchNodeGone(e)) {
                    return OptionalLong.empty();
                }
                // The epoch or the leader znode changed since they were read: read them again.
                conflict = e;
            }
        }
        throw new IllegalStateException("no token drawn for " + latchNode + " in " + MAX_ATTEMPTS + " attempts",
                conflict);
    }

    /** The last token drawn; the epoch znode is created at 0 if ZooKeeper has none (a new or wiped ensemble). */
    private long readEpoch(Stat stat) throws Exception {
        try {
            return decode(client.getData().storingStatIn(stat).forPath(config.epochPath()));
        } catch (KeeperException.NoNodeException missing) {
            try {
                client.create().creatingParentsIfNeeded().forPath(config.epochPath(), encode(0));
            } catch (KeeperException.NodeExistsException createdMeanwhile) {
                // another node created it first: read that one
            }
            return decode(client.getData().storingStatIn(stat).forPath(config.epochPath()));
        }
    }

    private static boolean latchNodeGone(KeeperException e) {
        List<OpResult> results = e.getResults();
        return results != null && results.get(LATCH_CHECK) instanceof OpResult.ErrorResult error
                && error.getErr() == KeeperException.Code.NONODE.intValue();
    }

    private static byte[] encode(long token) {
        return Long.toString(token).getBytes(StandardCharsets.US_ASCII);
    }

    private static long decode(byte[] data) {
        return Long.parseLong(new String(data, StandardCharsets.US_ASCII));
    }
}
