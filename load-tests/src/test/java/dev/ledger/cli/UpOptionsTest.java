package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.contract.Mode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class UpOptionsTest {

    private static UpOptions parse(List<String> args) {
        UpCommand up = new UpCommand(new LedgerHome(Path.of("unused")));
        new CommandLine(up).parseArgs(args.toArray(String[]::new));
        return up.options();
    }

    @Test
    void modeAloneTakesTheDefaults() {
        assertEquals(new UpOptions(new ClusterOptions(Mode.PESSIMISTIC, 3, 8081, false, false, false, false, false),
                        false),
                parse(List.of("--mode", "pessimistic")));
    }

    @Test
    void parsesEveryOptionInAnyOrderAndEitherForm() {
        assertEquals(new UpOptions(new ClusterOptions(Mode.RAFT, 5, 9000, false, false, false, false, true), true),
                parse(List.of("--detach", "--nodes=5", "--isolated", "--base-port", "9000", "--mode=raft")));
    }

    @Test
    void foregroundArgumentsDescribeTheSameClusterWithoutDetach() {
        UpOptions detached = parse(List.of("--mode", "idempotent", "--nodes", "2", "--detach", "--faults"));

        List<String> foreground = detached.toForegroundArguments();

        assertEquals("up", foreground.get(0));
        assertEquals(new UpOptions(new ClusterOptions(Mode.IDEMPOTENT, 2, 8081, true, false, false, false, false),
                        false),
                parse(foreground.subList(1, foreground.size())));
    }

    @Test
    void adoptDatabaseIsForRaftAndCarriedToTheForeground() {
        UpOptions adopting = parse(List.of("--mode", "raft", "--adopt-database", "--detach"));

        assertEquals(new UpOptions(new ClusterOptions(Mode.RAFT, 3, 8081, false, true, false, false, false), true),
                adopting);
        List<String> foreground = adopting.toForegroundArguments();
        assertTrue(parse(foreground.subList(1, foreground.size())).cluster().adoptDatabase());
        assertUsageError("--adopt-database is for --mode raft", List.of("--mode", "optimistic", "--adopt-database"));
    }

    @Test
    void durableAndIsolatedAreCarriedToTheForeground() {
        UpOptions options = parse(List.of("--mode", "raft", "--durable", "--isolated", "--detach"));

        List<String> foreground = options.toForegroundArguments();
        UpOptions again = parse(foreground.subList(1, foreground.size()));
        assertTrue(again.cluster().durable());
        assertTrue(again.cluster().isolated());
    }

    @Test
    void zooKeeperModeNeedsRoomForItsEnsemble() {
        assertEquals(new UpOptions(new ClusterOptions(Mode.ZOOKEEPER, 3, 65_132, false, false, false, false, false),
                        false),
                parse(List.of("--mode", "zookeeper", "--base-port", "65132")), "member 3's election port is 65535");
        assertUsageError("the ZooKeeper members' ports (up to base port + 403)",
                List.of("--mode", "zookeeper", "--base-port", "65133"));
        parse(List.of("--mode", "raft", "--base-port", "65133")); // the raft ports fit below 65535
        assertTrue(parse(List.of("--mode", "zookeeper", "--isolated")).cluster().isolated());
    }

    @Test
    void rejectsBadCommandLines() {
        assertParseError("Missing required option: '--mode=MODE'", List.of());
        assertParseError("unknown mode 'eventual'", List.of("--mode", "eventual"));
        assertParseError("Missing required parameter for option '--mode'", List.of("--mode"));
        assertParseError("'three' is not an int", List.of("--mode", "raft", "--nodes", "three"));
        assertParseError("Unknown option: '--verbose'", List.of("--mode", "raft", "--verbose"));
        assertUsageError("between 1 and 9", List.of("--mode", "raft", "--nodes", "0"));
        assertUsageError("between 1 and 9", List.of("--mode", "raft", "--nodes", "10"));
        assertUsageError("leaves no room", List.of("--mode", "raft", "--base-port", "65500"));
        assertUsageError("leaves no room", List.of("--mode", "raft", "--base-port", "0"));
    }

    private static void assertParseError(String expectedMessagePart, List<String> args) {
        ParameterException error = assertThrows(ParameterException.class, () -> parse(args));
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "expected '" + expectedMessagePart + "' in: " + error.getMessage());
    }

    private static void assertUsageError(String expectedMessagePart, List<String> args) {
        UsageException error = assertThrows(UsageException.class, () -> parse(args));
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "expected '" + expectedMessagePart + "' in: " + error.getMessage());
    }
}
