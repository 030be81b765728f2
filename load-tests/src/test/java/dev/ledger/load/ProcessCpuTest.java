package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    /** A thread name may hold spaces and parentheses: the fields are counted after the last ')'. */
    @Test
    void readsTicksAfterTheName() {
        String stat = "4242 (C2 Compiler) Thr) S 1 4242 4242 0 -1 4194560 100 0 0 0 70 30 5 2 20 0 1 0 100 0";
        assertEquals("C2 Compiler) Thr", ProcessCpu.name(stat));
        assertEquals(100, ProcessCpu.ticks(stat, false));
        assertEquals(107, ProcessCpu.ticks(stat, true));
    }

    /** This JVM's work shows in its own group, and the compilers' apart. */
    @Test
    void measuresAProcessGroup() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        var mark = ProcessCpu.mark(List.of(new ProcessCpu.Group("self", List.of(ProcessHandle.current().pid()),
                false))).orElseThrow();
        long spin = System.nanoTime() + 300_000_000;
        long sum = 0;
        while (System.nanoTime() < spin) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }
        ProcessCpu.Used used = mark.since().get(0);
        assertEquals("self", used.group());
        assertTrue(used.nanos() >= 100_000_000, "300 ms of spinning counted: " + used + " " + sum);
        assertTrue(used.jitNanos() >= 0);
    }

    /**
     * A process of the group that ends within the interval (a failover's killed node) takes only its own time with
     * it: found by a comparison whose failover runs showed the nodes' CPU as zero, the dead node's earlier time having
     * been taken from the group's sum.
     */
    @Test
    void aProcessThatEndsTakesOnlyItsOwnTimeAway() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(500); // the busy one gathers CPU time before the mark
            var mark = ProcessCpu.mark(List.of(new ProcessCpu.Group("nodes", List.of(ProcessHandle.current().pid(),
                    busy.pid()), false))).orElseThrow();
            long spin = System.nanoTime() + 300_000_000;
            long sum = 0;
            while (System.nanoTime() < spin) {
                sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
            }
            busy.destroyForcibly().waitFor();
            ProcessCpu.Used used = mark.since().get(0);
            assertTrue(used.nanos() >= 100_000_000, "this JVM's 300 ms of spinning counted: " + used + " " + sum);
        } finally {
            busy.destroyForcibly();
        }
    }
}
