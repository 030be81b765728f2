package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.contract.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompareOptionsTest {

    private static CompareOptions parse(String... args) {
        CompareOptions options = new CompareOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    /** Out of the default list until CompareIT, which runs that list, has passed with it. */
    @Test
    void zooKeeperIsAValidModeButNotADefaultOne() {
        assertEquals(List.of(Mode.ZOOKEEPER, Mode.RAFT), parse("--modes", "zookeeper,raft").modes());
        assertEquals(List.of(Mode.RAFT, Mode.ZOOKEEPER, Mode.PESSIMISTIC, Mode.OPTIMISTIC, Mode.IDEMPOTENT),
                parse().modes());
    }
}
