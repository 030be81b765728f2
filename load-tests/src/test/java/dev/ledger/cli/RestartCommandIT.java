package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.LedgerHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover demo as a user runs it, through the command line: {@code up --detach}, {@code kill-leader} tells who
 * leads next and how soon, {@code status} fails while the killed node is down, {@code restart} brings it back, and
 * {@code status} is healthy again.
 */
class RestartCommandIT {

    private static final String BASE_PORT = "21081";
    private static final Pattern KILLED = Pattern.compile("killed leader (n\\d) ");
    private static final Pattern SUCCESSOR = Pattern.compile("(n\\d) leads \\(term \\d+\\), \\d+ ms after the kill");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void killLeaderNamesTheSuccessorAndRestartBringsTheKilledNodeBack(@TempDir Path root) throws Exception {
        LedgerHome home = new LedgerHome(root);
        try {
            assertEquals(LedgerCli.EXIT_OK, ledger(home, "up", "--mode", "raft", "--detach", "--base-port", BASE_PORT));
            assertEquals(LedgerCli.EXIT_OK, ledger(home, "kill-leader"));
            String killOutput = printed.toString(StandardCharsets.UTF_8);
            Matcher killed = KILLED.matcher(killOutput);
            Matcher successor = SUCCESSOR.matcher(killOutput);
            assertTrue(killed.find() && successor.find(), "kill-leader names who leads next: " + killOutput);
            String victim = killed.group(1);
            assertTrue(!successor.group(1).equals(victim), killOutput);
            assertTrue(killOutput.contains(victim + " stays down until ./ledger restart " + victim), killOutput);

            assertEquals(LedgerCli.EXIT_FAILED, ledger(home, "status"), "the killed node is down");
            assertEquals(LedgerCli.EXIT_FAILED, ledger(home, "restart", successor.group(1)));
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("is running"), printed.toString());
            assertEquals(LedgerCli.EXIT_OK, ledger(home, "restart", victim), printed.toString());
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains(victim + " is ready"), printed.toString());
            assertEquals(LedgerCli.EXIT_OK, ledger(home, "status"), "every node up again: " + printed);
        } finally {
            ledger(home, "down");
        }
    }

    /** Runs one command line; what it printed is in {@link #printed} (only this command's) and on the console. */
    private int ledger(LedgerHome home, String... args) {
        printed.reset();
        PrintStream console = System.out;
        PrintStream errors = System.err;
        PrintStream captured = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        try {
            return LedgerCli.run(home, args);
        } finally {
            System.setOut(console);
            System.setErr(errors);
            System.out.print(printed.toString(StandardCharsets.UTF_8));
        }
    }
}
