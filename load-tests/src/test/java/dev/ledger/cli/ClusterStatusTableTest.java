package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.RecordedProcess;
import dev.ledger.contract.ClusterInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClusterStatusTableTest {

    @Test
    void alignsColumnsAndMarksWhatIsUnknown() {
        ClusterStatusTable table = new ClusterStatusTable();
        table.addNode(node("n1", 4242), true, OptionalInt.of(200),
                Optional.of(new ClusterInfo(ClusterInfo.LEADER, "n1", 7L, List.of("n1"), 42L, 42L)));
        table.addNode(node("n2", 17), false, OptionalInt.empty(), Optional.empty());

        assertEquals(String.join(System.lineSeparator(),
                "NODE  URL                    PID   PROCESS  READY      ROLE    LEADER  TERM",
                "n1    http://127.0.0.1:8081  4242  alive    yes        LEADER  n1      7",
                "n2    http://127.0.0.1:8081  17    dead     no answer  -       -       -",
                ""), table.render());
    }

    private static NodeState node(String id, long pid) {
        return new NodeState(id, "http://127.0.0.1:8081", new RecordedProcess(pid, Instant.EPOCH), "node.log");
    }
}
