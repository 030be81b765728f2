package dev.ledger.cli;

import dev.ledger.cluster.NodeClient;
import dev.ledger.contract.ClusterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row per node, columns left-aligned and as wide as their widest cell. The last column, the node's ZooKeeper
 * session, is shown only when a node has one (zookeeper mode).
 */
final class ClusterStatusTable {

    private static final List<String> HEADER =
            List.of("NODE", "URL", "PID", "PROCESS", "READY", "ROLE", "LEADER", "TERM", "SESSION");
    private static final String NONE = "-";
    private static final String COLUMN_GAP = "  ";

    private final List<List<String>> rows = new ArrayList<>(List.of(HEADER));
    private boolean anySession;

    void addNode(StatusCommand.Node node) {
        Optional<ClusterInfo> info = Optional.ofNullable(node.cluster());
        rows.add(List.of(
                node.id(),
                node.url(),
                String.valueOf(node.pid()),
                node.alive() ? "alive" : "dead",
                readiness(node.readinessStatus()),
                info.map(ClusterInfo::role).orElse(NONE),
                info.map(ClusterInfo::leader).orElse(NONE),
                info.map(ClusterInfo::term).map(String::valueOf).orElse(NONE),
                info.map(ClusterInfo::session).orElse(NONE)));
        anySession |= info.map(ClusterInfo::session).isPresent();
    }

    String render() {
        int[] widths = new int[anySession ? HEADER.size() : HEADER.size() - 1];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(String.format("%-" + widths[column] + "s", row.get(column))).append(COLUMN_GAP);
            }
            table.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return table.toString();
    }

    private static String readiness(Integer status) {
        if (status == null) {
            return "no answer";
        }
        return status == NodeClient.HTTP_OK ? "yes" : "no (" + status + ")";
    }
}
