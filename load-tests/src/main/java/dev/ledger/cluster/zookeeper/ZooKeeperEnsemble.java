package dev.ledger.cluster.zookeeper;

import dev.ledger.cluster.ClusterState.ZooKeeperMemberState;
import dev.ledger.cluster.ClusterState.ZooKeeperState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.Directories;
import dev.ledger.cluster.IsolatedNetwork;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.LogTail;
import dev.ledger.cluster.Processes;
import dev.ledger.cluster.RecordedProcess;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The local ZooKeeper ensemble that the nodes elect their leader through: three {@code QuorumPeerMain} JVMs on
 * loopback, children of the supervisor, each in a directory of its own under {@code .ledger/cluster/zookeeper/}.
 * {@link #start()} returns once every member serves in one quorum. Each start begins with empty members, so a run
 * never meets the znodes of an earlier one (the zookeeper mode seeds its fencing token from PostgreSQL, not from what
 * ZooKeeper kept).
 * {@link #recordedState()} belongs in the state file, so that {@code ./ledger down} stops the members even after a
 * supervisor that was killed. {@link #stop()} may come from the shutdown hook at any moment, also during start-up,
 * and stops whatever has been started.
 */
public final class ZooKeeperEnsemble {

    /** A fresh ensemble formed its quorum in 2.3-4.8 s on a shared two-core machine; room for a busier one. */
    public static final int QUORUM_TIMEOUT_SECONDS = 30;
    private static final int POLL_INTERVAL_MILLIS = 200;
    /** A member exits promptly on SIGTERM; one that does not is killed. */
    private static final int STOP_TIMEOUT_SECONDS = 5;
    private static final int KILL_TIMEOUT_SECONDS = 5;
    private static final int LOG_TAIL_LINES = 30;

    private final LedgerHome home;
    private final boolean isolated;
    private final List<ZooKeeperMember> members;
    private final PrintStream out = System.out;
    /** Set as soon as stop() is called, so that start-up gives up. */
    private volatile boolean stopRequested;

    // Guarded by this: start-up, restarts and stop() never interleave.
    /** Each started member's latest process. */
    private final Map<ZooKeeperMember, MemberProcess> processes = new HashMap<>();
    /** Running members that {@link #pause} stopped: SIGTERM cannot end them. */
    private final Set<ZooKeeperMember> paused = new HashSet<>();
    private boolean stopDone;

    private record MemberProcess(Process process, RecordedProcess recorded) {
    }

    /**
     * The ensemble of the cluster with this home and base port (see {@link ZooKeeperMember#forCluster}); {@code
     * isolated}: each member in the network namespace of its own, which must exist.
     */
    public ZooKeeperEnsemble(LedgerHome home, int basePort, boolean isolated) {
        this.home = home;
        this.isolated = isolated;
        this.members = ZooKeeperMember.forCluster(home, basePort, isolated);
    }

    /** The zookeeper mode elects its leader through the ensemble; no other mode needs one. */
    public static boolean isNeededBy(Mode mode) {
        return mode == Mode.ZOOKEEPER;
    }

    public List<ZooKeeperMember> members() {
        return members;
    }

    /** What the nodes connect to. */
    public String connectString() {
        return ZooKeeperMember.connectString(members);
    }

    /**
     * Starts every member afresh and waits until all of them serve in one quorum. Throws
     * {@link CommandFailedException} (with the members' log tails) when a member dies or the quorum is not complete
     * within {@value #QUORUM_TIMEOUT_SECONDS} s; the caller then stops what was started.
     */
    public void start() throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        launchAll();
        awaitQuorum();
        out.printf("ZooKeeper serves on %s (a quorum of all %d members after %.1f s)%n", connectString(),
                members.size(), (System.nanoTime() - startNanos) / 1e9);
    }

    private synchronized void launchAll() throws IOException {
        for (ZooKeeperMember member : members) {
            throwIfStopRequested();
            Directories.recreateEmpty(member.dir());
            Files.createDirectories(member.dataDir());
            Files.writeString(member.configFile(), ZooKeeperConfig.render(member, members));
            Files.writeString(member.myidFile(), String.valueOf(member.myid()));
            out.println("starting ZooKeeper " + member.id() + " on " + member.clientAddress() + " (log "
                    + home.display(member.log()) + ")");
            launch(member);
        }
    }

    /** Appends to the member's log, so that a restarted member's log still tells how its last run ended. */
    private void launch(ZooKeeperMember member) throws IOException {
        List<String> command = ZooKeeperServerCommand.of(member);
        // ip netns exec execs the command: the process is still the member's JVM.
        Process process = new ProcessBuilder(isolated ? IsolatedNetwork.inNamespace(member.id(), command) : command)
                .directory(member.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(member.log().toFile()))
                .start();
        processes.put(member, new MemberProcess(process, RecordedProcess.of(process.toHandle())));
        paused.remove(member);
    }

    private void awaitQuorum() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(QUORUM_TIMEOUT_SECONDS);
        while (true) {
            throwIfStopRequested();
            Map<ZooKeeperMember, ZooKeeperRole> roles = new HashMap<>();
            for (ZooKeeperMember member : members) {
                Process process = process(member);
                if (!process.isAlive()) {
                    throwIfStopRequested();
                    throw startFailure(member.id() + " exited with code " + process.exitValue()
                            + " before the quorum was complete", List.of(member));
                }
                roles.put(member, role(member));
            }
            if (roles.values().stream().allMatch(ZooKeeperRole::inQuorum)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw startFailure("no quorum of all ZooKeeper members after " + QUORUM_TIMEOUT_SECONDS + " s ("
                        + members.stream().map(member -> member.id() + " " + roles.get(member))
                        .collect(Collectors.joining(", ")) + ")", members);
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
    }

    private CommandFailedException startFailure(String reason, List<ZooKeeperMember> failedMembers) {
        StringBuilder message = new StringBuilder(reason);
        for (ZooKeeperMember member : failedMembers) {
            message.append(System.lineSeparator()).append(LogTail.describe(home, member.log(), LOG_TAIL_LINES));
        }
        return new CommandFailedException(message.toString());
    }

    /** What the member says it is, asked with {@code srvr} ({@link ZooKeeperRole#NO_ANSWER} if it does not say). */
    public ZooKeeperRole role(ZooKeeperMember member) {
        try {
            return ZooKeeperRole.fromSrvr(
                    FourLetterWord.ask(member.host(), member.clientPort(), ZooKeeperRole.PROBE_WORD));
        } catch (IOException noAnswer) {
            return ZooKeeperRole.NO_ANSWER;
        }
    }

    /** Each started member with its latest process, for the state file. */
    public synchronized ZooKeeperState recordedState() {
        return new ZooKeeperState(connectString(), members.stream().filter(processes::containsKey)
                .map(member -> new ZooKeeperMemberState(member.id(), processes.get(member).recorded(),
                        member.log().toString()))
                .toList());
    }

    /**
     * Says when a member's current process exits other than through {@link #stop()}, as the supervisor does for its
     * nodes: it is not restarted, and the ensemble serves on while a majority runs.
     */
    public synchronized void reportExits() {
        processes.forEach((member, started) -> started.process().onExit().thenAccept(process -> {
            if (!stopRequested) {
                out.printf("%s ZooKeeper %s (pid %d) exited with code %d; it is not restarted%n", now(), member.id(),
                        process.pid(), process.exitValue());
            }
        }));
    }

    // Fault injection: the supervisor is the members' parent, so it can kill, pause and restart them.

    /** SIGKILL, as in a crash; returns once the member is gone. */
    public void kill(ZooKeeperMember member) throws InterruptedException {
        Process process = process(member);
        process.destroyForcibly();
        if (!process.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new CommandFailedException("ZooKeeper " + member.id() + " (pid " + process.pid()
                    + ") survived SIGKILL");
        }
        out.println(now() + " killed ZooKeeper " + member.id() + " (pid " + process.pid() + ")");
    }

    /** SIGSTOP: the member freezes with its connections open, as on a stalled host, until {@link #resume}. */
    public synchronized void pause(ZooKeeperMember member) throws IOException, InterruptedException {
        Processes.signal(process(member).pid(), "STOP");
        paused.add(member);
        out.println(now() + " paused ZooKeeper " + member.id() + " (SIGSTOP)");
    }

    public synchronized void resume(ZooKeeperMember member) throws IOException, InterruptedException {
        Processes.signal(process(member).pid(), "CONT");
        paused.remove(member);
        out.println(now() + " resumed ZooKeeper " + member.id() + " (SIGCONT)");
    }

    /**
     * Starts a member that has exited again, with its data, configuration and log: it rejoins the quorum and catches
     * up from the leader. Does not wait for that ({@link #role} tells).
     */
    public synchronized void restart(ZooKeeperMember member) throws IOException {
        throwIfStopRequested();
        if (process(member).isAlive()) {
            throw new IllegalStateException("ZooKeeper " + member.id() + " is still running");
        }
        out.println(now() + " restarting ZooKeeper " + member.id());
        launch(member);
    }

    /**
     * SIGTERM to every running member at once (SIGKILL to a paused one, which could not act on it), and SIGKILL to
     * those still running after {@value #STOP_TIMEOUT_SECONDS} s. Idempotent, any thread; the data stays until the
     * next {@link #start()}.
     */
    public void stop() {
        stopRequested = true;
        synchronized (this) {
            if (stopDone) {
                return;
            }
            stopDone = true;
            List<ZooKeeperMember> running = members.stream()
                    .filter(member -> processes.containsKey(member) && process(member).isAlive()).toList();
            if (running.isEmpty()) {
                return;
            }
            out.println("stopping ZooKeeper " + running.stream().map(ZooKeeperMember::id)
                    .collect(Collectors.joining(", ")));
            running.forEach(member -> {
                if (paused.contains(member)) {
                    process(member).destroyForcibly();
                } else {
                    process(member).destroy();
                }
            });
            Instant deadline = Instant.now().plusSeconds(STOP_TIMEOUT_SECONDS);
            try {
                for (ZooKeeperMember member : running) {
                    ProcessHandle process = process(member).toHandle();
                    if (!Processes.awaitExit(process, Duration.between(Instant.now(), deadline))) {
                        out.println("ZooKeeper " + member.id() + " did not stop within " + STOP_TIMEOUT_SECONDS
                                + " s: killing it");
                        process.destroyForcibly();
                        Processes.awaitExit(process, Duration.ofSeconds(KILL_TIMEOUT_SECONDS));
                    }
                }
            } catch (InterruptedException e) {
                // No time to wait for them any more: make sure that they end all the same.
                running.forEach(member -> process(member).destroyForcibly());
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized Process process(ZooKeeperMember member) {
        MemberProcess started = processes.get(member);
        if (started == null) {
            throw new IllegalArgumentException("ZooKeeper " + member.id() + " was not started");
        }
        return started.process();
    }

    private void throwIfStopRequested() {
        if (stopRequested) {
            throw new CommandFailedException("start-up interrupted: the cluster is being stopped");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
