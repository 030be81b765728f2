package dev.ledger.cluster;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One running service JVM of the cluster, started by (and a child of) the supervisor. */
final class NodeProcess {

    private final NodeSpec spec;
    private final Process process;
    private volatile boolean paused;

    private NodeProcess(NodeSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /** {@code java -jar quarkus-run.jar} for the node, with the given JVM options. */
    static List<String> javaCommand(NodeSpec spec, Path serviceJar, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(),
                "-Djava.io.tmpdir=" + spec.tmpDir()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", serviceJar.toString()));
        return command;
    }

    /**
     * Starts the command (whose process must be the node's JVM: its PID is the node's) in the node's directory with
     * the given environment added to the launcher's; stdout and stderr go to the node's log, which each start
     * truncates.
     */
    static NodeProcess start(NodeSpec spec, List<String> command, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(spec.dir());
        // RocksDB (raft) unpacks a 13 MB native library into the tmp dir at every start, and a killed run leaves its
        // copy behind; only this node uses the directory, so it starts empty.
        Directories.recreateEmpty(spec.tmpDir());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(spec.log().toFile()));
        builder.environment().putAll(environment);
        return new NodeProcess(spec, builder.start());
    }

    NodeSpec spec() {
        return spec;
    }

    Process process() {
        return process;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: Quarkus shuts down gracefully. */
    void requestStop() {
        process.destroy();
    }

    void kill() {
        process.destroyForcibly();
    }

    /**
     * SIGSTOP: the JVM freezes where it is, as in a long GC pause or a stalled VM, with its sockets,
     * database connections and locks held, until {@link #resume()}.
     */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause()}: the node runs on from where it froze, into a world that has moved on. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
        paused = false;
    }

    boolean isPaused() {
        return paused;
    }

    private void signal(String name) throws IOException, InterruptedException {
        Processes.signal(process.pid(), name);
    }

    /** Waits at most {@code timeout} for the node to exit; an interrupt ends the wait early. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    long pid() {
        return process.pid();
    }

    RecordedProcess recorded() {
        return RecordedProcess.of(process.toHandle());
    }
}
