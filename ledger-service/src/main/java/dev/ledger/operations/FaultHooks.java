package dev.ledger.operations;

import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * What the fault endpoints do to this JVM, as a crash or a freeze would: the HTTP answer leaves first, then the
 * fault strikes after {@link #DELAY_MS}.
 */
final class FaultHooks {

    private static final Logger LOG = Logger.getLogger(FaultHooks.class);
    static final long DELAY_MS = 200;
    /** The exit code of a process killed by SIGKILL. */
    private static final int KILLED = 137;

    private FaultHooks() {
    }

    /** Like SIGKILL: no shutdown hook runs, no leadership is handed over. */
    static void haltSoon() {
        LOG.warn("fault injection: halting this node");
        Thread halt = new Thread(() -> {
            sleep(DELAY_MS);
            Runtime.getRuntime().halt(KILLED);
        }, "fault-halt");
        halt.setDaemon(true);
        halt.start();
    }

    /**
     * Like SIGSTOP then SIGCONT: a shell outside this JVM stops it and resumes it {@code seconds} later, since a
     * stopped JVM cannot resume itself.
     */
    static void pauseSoon(int seconds) throws IOException {
        LOG.warnf("fault injection: pausing this node for %d s", seconds);
        long pid = ProcessHandle.current().pid();
        new ProcessBuilder("/bin/sh", "-c", "sleep " + DELAY_MS / 1000.0 + "; kill -STOP " + pid
                + "; sleep " + seconds + "; kill -CONT " + pid).start();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
