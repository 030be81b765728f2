package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.ClusterOptions;
import dev.ledger.contract.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpOptionsTest {

    @Test
    void modeAloneTakesTheDefaults() throws UsageException {
        UpOptions options = UpOptions.parse(List.of("--mode", "pessimistic"));

        assertEquals(new UpOptions(new ClusterOptions(Mode.PESSIMISTIC, 3, 8081, false, false, false, false, false),
                        false),
                options);
    }

    @Test
    void parsesEveryOptionInAnyOrder() throws UsageException {
        UpOptions options = UpOptions.parse(
                List.of("--detach", "--nodes", "5", "--base-port", "9000", "--mode", "raft"));

        assertEquals(new UpOptions(new ClusterOptions(Mode.RAFT, 5, 9000, false, false, false, false, false), true),
                options);
    }

    @Test
    void foregroundArgumentsDescribeTheSameClusterWithoutDetach() throws UsageException {
        UpOptions detached = UpOptions.parse(List.of("--mode", "idempotent", "--nodes", "2", "--detach", "--faults"));

        List<String> foreground = detached.toForegroundArguments();

        assertEquals("up", foreground.get(0));
        assertEquals(new UpOptions(new ClusterOptions(Mode.IDEMPOTENT, 2, 8081, true, false, false, false, false),
                        false),
                UpOptions.parse(foreground.subList(1, foreground.size())));
    }

    @Test
    void adoptDatabaseIsForRaftAndCarriedToTheForeground() throws UsageException {
        UpOptions adopting = UpOptions.parse(List.of("--mode", "raft", "--adopt-database", "--detach"));

        assertEquals(new UpOptions(new ClusterOptions(Mode.RAFT, 3, 8081, false, true, false, false, false), true),
                adopting);
        List<String> foreground = adopting.toForegroundArguments();
        assertTrue(UpOptions.parse(foreground.subList(1, foreground.size())).cluster().adoptDatabase());
        assertUsageError("--adopt-database is for --mode raft", List.of("--mode", "optimistic", "--adopt-database"));
    }

    @Test
    void durableIsCarriedToTheForeground() throws UsageException {
        UpOptions durable = UpOptions.parse(List.of("--mode", "pessimistic", "--durable", "--detach"));

        assertTrue(durable.cluster().durable());
        List<String> foreground = durable.toForegroundArguments();
        assertTrue(UpOptions.parse(foreground.subList(1, foreground.size())).cluster().durable());
    }

    @Test
    void rejectsBadCommandLines() {
        assertUsageError("needs --mode", List.of());
        assertUsageError("unknown mode 'eventual'", List.of("--mode", "eventual"));
        assertUsageError("--mode needs a value", List.of("--mode"));
        assertUsageError("--mode needs a value", List.of("--mode", "--detach"));
        assertUsageError("whole number", List.of("--mode", "raft", "--nodes", "three"));
        assertUsageError("between 1 and 9", List.of("--mode", "raft", "--nodes", "0"));
        assertUsageError("between 1 and 9", List.of("--mode", "raft", "--nodes", "10"));
        assertUsageError("leaves no room", List.of("--mode", "raft", "--base-port", "65500"));
        assertUsageError("leaves no room", List.of("--mode", "raft", "--base-port", "0"));
        assertUsageError("unknown option for up: '--verbose'", List.of("--mode", "raft", "--verbose"));
    }

    private static void assertUsageError(String expectedMessagePart, List<String> args) {
        UsageException error = assertThrows(UsageException.class, () -> UpOptions.parse(args));
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "expected '" + expectedMessagePart + "' in: " + error.getMessage());
    }
}
