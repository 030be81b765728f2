package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.contract.ClusterInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusTableTest {

    @Test
    void alignsColumnsAndMarksWhatIsUnknown() {
        ClusterStatusTable table = new ClusterStatusTable();
        table.addNode(new StatusCommand.Node("n1", "http://127.0.0.1:8081", 4242, true, 200, true,
                new ClusterInfo(ClusterInfo.LEADER, "n1", 7L, List.of("n1"), 42L, 42L, null)));
        table.addNode(new StatusCommand.Node("n2", "http://127.0.0.1:8082", 17, false, null, false, null));
        table.addNode(new StatusCommand.Node("n3", "http://127.0.0.1:8083", 18, true, 503, false,
                new ClusterInfo(ClusterInfo.FOLLOWER, null, 7L, List.of("n1"), 42L, 40L, null)));

        assertEquals(String.join(System.lineSeparator(),
                "NODE  URL                    PID   PROCESS  READY      ROLE      LEADER  TERM",
                "n1    http://127.0.0.1:8081  4242  alive    yes        LEADER    n1      7",
                "n2    http://127.0.0.1:8082  17    dead     no answer  -         -       -",
                "n3    http://127.0.0.1:8083  18    alive    no (503)   FOLLOWER  -       7",
                ""), table.render());
    }

    @Test
    void showsTheZooKeeperSessionOfTheNodesThatHaveOne() {
        ClusterStatusTable table = new ClusterStatusTable();
        table.addNode(new StatusCommand.Node("n1", "http://127.0.0.1:8081", 4242, true, 200, true,
                new ClusterInfo(ClusterInfo.LEADER, "n1", 3L, List.of("n1"), null, null, "CONNECTED")));
        table.addNode(new StatusCommand.Node("n2", "http://127.0.0.1:8082", 17, true, 503, false,
                new ClusterInfo(ClusterInfo.CANDIDATE, null, null, List.of("n2"), null, null, "SUSPENDED")));

        assertEquals(String.join(System.lineSeparator(),
                "NODE  URL                    PID   PROCESS  READY     ROLE       LEADER  TERM  SESSION",
                "n1    http://127.0.0.1:8081  4242  alive    yes       LEADER     n1      3     CONNECTED",
                "n2    http://127.0.0.1:8082  17    alive    no (503)  CANDIDATE  -       -     SUSPENDED",
                ""), table.render());
    }
}
