package dev.ledger.cli;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.EmbeddedDatabase;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LogTail;
import dev.ledger.cluster.Processes;
import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code up --detach}: starts the foreground supervisor ({@code up} without {@code --detach}) as a
 * background process in its own session, and returns once it has recorded a ready cluster.
 */
final class DetachedStart {

    /**
     * Beyond the supervisor's own bounds, so that it normally reports a failure itself first; the quorum wait counts
     * in every mode, as this bounds the wait and is not a delay.
     */
    private static final int START_TIMEOUT_SECONDS = EmbeddedDatabase.STARTUP_TIMEOUT_SECONDS
            + ZooKeeperEnsemble.QUORUM_TIMEOUT_SECONDS + LocalCluster.READY_TIMEOUT_SECONDS + 30;
    private static final int POLL_INTERVAL_MILLIS = 500;
    /** The supervisor's shutdown takes at most 15 s for the nodes plus a few for ZooKeeper and PostgreSQL. */
    private static final int SUPERVISOR_STOP_TIMEOUT_SECONDS = 30;
    /** The launcher log holds only this start: room for its own lines plus several nodes' log tails. */
    private static final int LOG_TAIL_LINES = 150;

    private final LedgerHome home;

    DetachedStart(LedgerHome home) {
        this.home = home;
    }

    void run(UpOptions options) throws IOException, InterruptedException {
        Files.createDirectories(home.clusterDir());
        System.out.println("starting the cluster in the background (log " + home.display(home.launcherLog()) + ")");
        Process supervisor = new ProcessBuilder(supervisorCommand(options))
                .directory(home.root().toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(home.launcherLog().toFile()))
                .start();
        AtomicBoolean handedOver = new AtomicBoolean();
        // Ctrl-C here before the cluster is ready aborts the start rather than leave it half started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!handedOver.get()) {
                System.err.println("interrupted: stopping the cluster that was starting");
                stopSupervisor(supervisor);
            }
        }, "ledger-abort-detached-start"));
        ClusterState state = awaitReadyCluster(supervisor);
        handedOver.set(true);
        ClusterSummary.print(state, home, "./ledger down");
    }

    private List<String> supervisorCommand(UpOptions options) {
        List<String> command = new ArrayList<>(List.of(
                // A session of its own: neither Ctrl-C nor closing this terminal reaches the cluster.
                // Our child is no process group leader, so setsid execs java in place: same pid.
                "setsid",
                Processes.javaExecutable(),
                "-D" + LedgerHome.HOME_PROPERTY + "=" + home.root(),
                // The supervisor starts the same service jar as was checked here, also when overridden.
                "-D" + LedgerHome.SERVICE_JAR_PROPERTY + "=" + home.serviceJar(),
                "-cp", absoluteClassPath(),
                LedgerCli.class.getName()));
        command.addAll(options.toForegroundArguments());
        return command;
    }

    /** Run with {@code java -jar}, the class path is the jar as typed (maybe relative); its manifest adds lib/. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private ClusterState awaitReadyCluster(Process supervisor) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(START_TIMEOUT_SECONDS);
        while (Instant.now().isBefore(deadline)) {
            Optional<ClusterState> state = ClusterState.read(home.stateFile())
                    .filter(recorded -> recorded.supervisor().pid() == supervisor.pid());
            if (state.isPresent()) {
                return state.get();
            }
            if (!supervisor.isAlive()) {
                throw new CommandFailedException("the cluster did not start (its supervisor exited with code "
                        + supervisor.exitValue() + ")" + System.lineSeparator() + launcherLogTail());
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
        stopSupervisor(supervisor);
        throw new CommandFailedException("the cluster was not ready after " + START_TIMEOUT_SECONDS
                + " s, so it was stopped" + System.lineSeparator() + launcherLogTail());
    }

    /** SIGTERM: the supervisor's shutdown hook stops its nodes and PostgreSQL before it exits. */
    private void stopSupervisor(Process supervisor) {
        if (!supervisor.isAlive()) {
            return;
        }
        supervisor.destroy();
        try {
            if (supervisor.waitFor(SUPERVISOR_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        supervisor.destroyForcibly();
        System.err.println("the background supervisor (pid " + supervisor.pid() + ") did not stop in time and was"
                + " killed; nodes it started may still run (see " + home.display(home.launcherLog()) + ")");
    }

    private String launcherLogTail() {
        return LogTail.describe(home, home.launcherLog(), LOG_TAIL_LINES);
    }
}
