package dev.ledger.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.ClusterState.DatabaseState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.ClusterState.ZooKeeperMemberState;
import dev.ledger.cluster.ClusterState.ZooKeeperState;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStateTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsThroughTheStateFile() throws IOException {
        ClusterState state = new ClusterState(Mode.RAFT,
                new RecordedProcess(100, Instant.parse("2026-01-02T03:04:05.678Z")),
                new DatabaseState("jdbc:postgresql://127.0.0.1:54329/postgres",
                        new RecordedProcess(101, Instant.parse("2026-01-02T03:04:01.100Z")), true),
                List.of(new NodeState("n1", "http://127.0.0.1:8081",
                                new RecordedProcess(102, Instant.parse("2026-01-02T03:04:06Z")), "/x/n1/node.log"),
                        new NodeState("n2", "http://127.0.0.1:8082",
                                new RecordedProcess(103, Instant.parse("2026-01-02T03:04:07Z")), "/x/n2/node.log")),
                true, new ZooKeeperState("127.0.0.1:8282", List.of(new ZooKeeperMemberState("zk1",
                        new RecordedProcess(104, Instant.parse("2026-01-02T03:04:02Z")), "/x/zk1/zookeeper.log"))));
        Path file = dir.resolve("state.json");

        state.write(file);

        assertEquals(Optional.of(state), ClusterState.read(file));
        String json = Files.readString(file);
        assertTrue(json.contains("\"mode\" : \"raft\""), json);
        assertTrue(json.contains("\"startedAt\" : \"2026-01-02T03:04:05.678Z\""), json);
    }

    /** Where each node and member of an isolated cluster listens: the name and address of its namespace. */
    @Test
    void namesTheAddressOfEachNodeAndZooKeeperMember() {
        ClusterState state = new ClusterState(Mode.ZOOKEEPER, new RecordedProcess(1, Instant.EPOCH),
                new DatabaseState("jdbc:postgresql://10.77.0.1:54329/postgres", null, false),
                List.of(new NodeState("n1", "http://10.77.0.11:8081", new RecordedProcess(2, Instant.EPOCH), "n1.log")),
                true, new ZooKeeperState("10.77.0.21:8282,10.77.0.22:8283", List.of(
                        new ZooKeeperMemberState("zk1", new RecordedProcess(3, Instant.EPOCH), "zk1.log"),
                        new ZooKeeperMemberState("zk2", new RecordedProcess(4, Instant.EPOCH), "zk2.log"))));

        assertEquals(Map.of("n1", "10.77.0.11", "zk1", "10.77.0.21", "zk2", "10.77.0.22"), state.addresses());
    }

    @Test
    void externalDatabaseHasNoRecordedProcess() throws IOException {
        ClusterState state = new ClusterState(Mode.PESSIMISTIC, new RecordedProcess(1, Instant.EPOCH),
                new DatabaseState("jdbc:postgresql://db.example:5432/ledger", null, false), List.of(), false, null);
        Path file = dir.resolve("state.json");

        state.write(file);

        assertEquals(Optional.of(state), ClusterState.read(file));
    }

    /** A cluster that a launcher without ZooKeeper started is still found, and stopped, by this one. */
    @Test
    void aStateFileWithoutZooKeeperReadsAsAClusterWithoutIt() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, """
                {"mode": "pessimistic", "supervisor": {"pid": 1, "startedAt": "2026-01-02T03:04:05Z"},
                 "database": {"jdbcUrl": "jdbc:postgresql://127.0.0.1:54329/postgres"}, "nodes": [],
                 "isolated": false}
                """);

        ClusterState state = ClusterState.read(file).orElseThrow();

        assertNull(state.zookeeper());
        assertFalse(state.anyProcessAlive());
    }

    @Test
    void aLiveZooKeeperMemberKeepsTheClusterUp() {
        RecordedProcess gone = new RecordedProcess(1, Instant.EPOCH);
        ZooKeeperState ensemble = new ZooKeeperState("127.0.0.1:8282", List.of(
                new ZooKeeperMemberState("zk1", gone, "zk1.log"),
                new ZooKeeperMemberState("zk2", RecordedProcess.of(ProcessHandle.current()), "zk2.log")));
        ClusterState state = new ClusterState(Mode.PESSIMISTIC, gone,
                new DatabaseState("jdbc:postgresql://db.example:5432/ledger", null, false), List.of(), false, ensemble);

        assertTrue(state.anyProcessAlive());
    }

    @Test
    void noFileMeansNoCluster() throws IOException {
        assertEquals(Optional.empty(), ClusterState.read(dir.resolve("state.json")));
    }

    @Test
    void aRecordedProcessIsLiveOnlyWithItsOwnStartInstant() {
        RecordedProcess self = RecordedProcess.of(ProcessHandle.current());
        RecordedProcess reusedPid = new RecordedProcess(self.pid(), self.startedAt().minusSeconds(60));

        assertTrue(self.findLive().isPresent());
        assertFalse(reusedPid.findLive().isPresent());
    }
}
