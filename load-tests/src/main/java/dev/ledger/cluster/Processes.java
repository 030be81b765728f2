package dev.ledger.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers for the processes the launcher starts and stops. */
public final class Processes {

    private static final int SIGNAL_TIMEOUT_SECONDS = 5;

    private Processes() {
    }

    /** The java of the running JVM, so that nodes and the supervisor run on the same JDK as the CLI. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits at most {@code timeout} for the process to end; true if it did. */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + process.pid(), e);
        }
    }

    /** Java has no API for SIGSTOP and SIGCONT; kill(1) has, and reports its failures on our stderr. */
    public static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start();
        if (!kill.waitFor(SIGNAL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -" + name + " " + pid + " did not finish");
        }
        if (kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + pid + " failed with code " + kill.exitValue());
        }
    }
}
