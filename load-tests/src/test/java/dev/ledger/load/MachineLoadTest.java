package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class MachineLoadTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsTheLoadOfAnIntervalFromProc() {
        MachineLoad.Mark mark = MachineLoad.mark().orElseThrow();
        long end = System.nanoTime() + 200_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait(); // this thread keeps one CPU busy
        }
        MachineLoad load = mark.since().orElseThrow();

        assertTrue(load.busyPercent() > 0 && load.busyPercent() <= 100, load.toString());
        assertTrue(load.stealPercent() >= 0 && load.stealPercent() <= 100, load.toString());
        assertTrue(load.loadAverage() >= 0, load.toString());
    }
}
