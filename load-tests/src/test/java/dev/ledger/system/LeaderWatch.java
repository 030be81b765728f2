package dev.ledger.system;

import dev.ledger.cluster.NodeClient;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.history.History;
import java.util.List;

/**
 * Asks every node who leads, over and over, while a fault scenario runs, and puts each claim to lead into the
 * history: two nodes that both claim to lead in one term would be split brain.
 */
final class LeaderWatch implements AutoCloseable {

    private static final long POLL_PAUSE_MILLIS = 100;
    private static final long STOP_TIMEOUT_MILLIS = 15_000;

    private final NodeClient client = new NodeClient();
    private final History history;
    private final List<String> nodeUrls;
    private final Thread thread;
    private volatile boolean stopping;

    private LeaderWatch(History history, List<String> nodeUrls) {
        this.history = history;
        this.nodeUrls = List.copyOf(nodeUrls);
        this.thread = new Thread(this::run, "leader-watch");
        thread.setDaemon(true);
    }

    static LeaderWatch start(History history, List<String> nodeUrls) {
        LeaderWatch watch = new LeaderWatch(history, nodeUrls);
        watch.thread.start();
        return watch;
    }

    private void run() {
        try {
            while (!stopping) {
                for (String node : nodeUrls) {
                    long sentAt = System.nanoTime();
                    client.clusterInfo(node).filter(ClusterInfo::leads)
                            .ifPresent(info -> history.leaderClaim(sentAt, node, info.term()));
                }
                Thread.sleep(POLL_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(STOP_TIMEOUT_MILLIS);
    }
}
