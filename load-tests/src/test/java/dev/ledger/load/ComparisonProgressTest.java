package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ComparisonProgressTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ComparisonProgress progress = new ComparisonProgress(new PrintStream(printed, true,
            StandardCharsets.UTF_8));

    @Test
    void beforeAnyStepEndsTheRestIsThePlan() {
        progress.plan(Duration.ofSeconds(30));
        progress.plan(Duration.ofMinutes(2));
        progress.begin("raft: starting");

        assertEquals("== [1/2, 0s elapsed, about 2m 30s left] raft: starting\n",
                printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theRestIsScaledByHowLongTheFinishedStepsTook() {
        progress.plan(Duration.ofSeconds(30));
        progress.plan(Duration.ofSeconds(60));
        progress.plan(Duration.ofSeconds(60));
        progress.begin("start");

        // the 30 s step took 45 s: the two left (120 s planned) take about 180 s
        assertEquals(Duration.ofSeconds(180), progress.left(Duration.ofSeconds(45)));
    }
}
