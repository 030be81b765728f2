package dev.ledger.mode.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StepRetriesTest {

    @Test
    void thePauseDoublesFromOneSecondUpToTen() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 10L, 10L), IntStream.rangeClosed(1, 6)
                .mapToObj(failures -> StepRetries.pauseAfter(failures).toSeconds()).toList());
        assertEquals(Duration.ofSeconds(10), StepRetries.pauseAfter(StepRetries.ATTEMPTS));
    }

    /** A shard down for a day is waited for: its transfers are finished when it is back, not given up. */
    @Test
    void aStepIsGivenUpOnlyAfterMoreThanADayOfFailures() {
        Duration waited = IntStream.rangeClosed(1, StepRetries.ATTEMPTS).mapToObj(StepRetries::pauseAfter)
                .reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(Duration.ofDays(1)) > 0, waited.toString());
    }
}
