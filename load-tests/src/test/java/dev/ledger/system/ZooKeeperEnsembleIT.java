package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ledger.cli.LedgerCli;
import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.DatabaseState;
import dev.ledger.cluster.ClusterState.ZooKeeperMemberState;
import dev.ledger.cluster.Directories;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.Loopback;
import dev.ledger.cluster.RecordedProcess;
import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.cluster.zookeeper.ZooKeeperRole;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local ZooKeeper ensemble as the zookeeper mode's cluster runs it: three member JVMs on loopback, from the jars
 * on this class path. A quorum forms; it survives the loss of its leader and not of a second member, and forms again
 * when they come back; a paused member stops answering while the other two serve on; and whether the supervisor
 * stops the ensemble or {@code ./ledger down} does after a supervisor that was killed, no member process and no port
 * is left behind.
 */
class ZooKeeperEnsembleIT {

    /** Members on 18782-84, 18882-84 and 18982-84: apart from every other IT's ports. */
    private static final int BASE_PORT = 18581;
    /**
     * A killed leader's followers see its connections close at once and elected another within a second; restarted
     * members were back in the quorum within 2.5 s. Generous, for a busy machine.
     */
    private static final Duration ELECTION_MAX = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private LedgerHome home;
    private ZooKeeperEnsemble ensemble;
    /** Every process a member ran as, so that the end can check that none is left. */
    private final List<RecordedProcess> memberProcesses = new ArrayList<>();
    private Thread stopAtExit;

    @AfterEach
    void stopEnsemble() {
        if (ensemble != null) {
            ensemble.stop();
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
            System.out.println("member logs are in " + home.zooKeeperDir());
        }
    }

    @Test
    void theQuorumSurvivesOneLostMemberNotTwoAndStopLeavesNothingBehind() throws Exception {
        startEnsemble("quorum");
        ZooKeeperMember first = leader(awaitRoles("one leader and two followers", this::isQuorum));

        ensemble.kill(first);
        long killedAt = System.nanoTime();
        ZooKeeperMember second = leader(awaitRoles("a new leader among the two others", roles ->
                roles.get(first) == ZooKeeperRole.NO_ANSWER && isQuorum(without(roles, first))));
        System.out.printf("a new leader %.1f s after the leader was killed%n", secondsSince(killedAt));

        ensemble.kill(second);
        ZooKeeperMember last = ensemble.members().stream().filter(member -> member != first && member != second)
                .findFirst().orElseThrow();
        awaitRoles(last.id() + " alone, not serving", roles -> roles.get(last) == ZooKeeperRole.NOT_SERVING);

        ensemble.restart(first);
        ensemble.restart(second);
        long restartedAt = System.nanoTime();
        recordMemberProcesses();
        Map<ZooKeeperMember, ZooKeeperRole> roles = awaitRoles("all three in a quorum again", this::isQuorum);
        System.out.printf("all three in a quorum again %.1f s after the restarts%n", secondsSince(restartedAt));

        ZooKeeperMember follower = roles.keySet().stream().filter(member -> roles.get(member) == ZooKeeperRole.FOLLOWER)
                .findFirst().orElseThrow();
        ensemble.pause(follower);
        awaitRoles(follower.id() + " paused, the other two serving", paused ->
                paused.get(follower) == ZooKeeperRole.NO_ANSWER && isQuorum(without(paused, follower)));
        ensemble.resume(follower);
        awaitRoles(follower.id() + " back in the quorum", this::isQuorum);

        // A paused member cannot act on SIGTERM: stop must end it all the same.
        ensemble.pause(follower);
        ensemble.stop();

        assertNothingLeft();
    }

    @Test
    void downStopsTheMembersOfAKilledSupervisor() throws Exception {
        startEnsemble("down");
        Process supervisor = new ProcessBuilder("sleep", "600").start();
        RecordedProcess killedSupervisor = RecordedProcess.of(supervisor.toHandle());
        supervisor.destroyForcibly().waitFor();
        new ClusterState(Mode.ZOOKEEPER, killedSupervisor, new DatabaseState("jdbc:postgresql://127.0.0.1:1/none",
                null, false), List.of(), false, ensemble.recordedState()).write(home.stateFile());

        assertEquals(0, LedgerCli.run(home, "down"));

        assertFalse(Files.exists(home.stateFile()), "down forgets a cluster it stopped");
        assertNothingLeft();
    }

    private void startEnsemble(String name) throws IOException, InterruptedException {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        home = new LedgerHome(Path.of(moduleDir, "target", "it-home", getClass().getSimpleName(), name)
                .toAbsolutePath());
        Directories.deleteRecursively(home.root());
        Files.createDirectories(home.clusterDir());
        ensemble = new ZooKeeperEnsemble(home, BASE_PORT, false);
        Loopback.requireFreePorts(memberPorts());
        stopAtExit = new Thread(ensemble::stop, "stop-zookeeper");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        long startedAt = System.nanoTime();
        ensemble.start();
        System.out.printf("ZooKeeper ensemble started in %.1f s%n", secondsSince(startedAt));
        recordMemberProcesses();
    }

    private void recordMemberProcesses() {
        ensemble.recordedState().members().stream().map(ZooKeeperMemberState::process).forEach(memberProcesses::add);
    }

    private void assertNothingLeft() {
        assertEquals(List.of(), memberProcesses.stream().filter(process -> process.findLive().isPresent()).toList(),
                "member processes still running");
        assertEquals(List.of(), memberPorts().stream().filter(port -> !Loopback.isPortFree(port)).toList(),
                "member ports still taken");
    }

    private List<Integer> memberPorts() {
        return ensemble.members().stream().flatMap(member -> member.listenPorts().stream()).toList();
    }

    /** One member leads and every other follows. */
    private boolean isQuorum(Map<ZooKeeperMember, ZooKeeperRole> roles) {
        return roles.values().stream().filter(role -> role == ZooKeeperRole.LEADER).count() == 1
                && roles.values().stream().allMatch(ZooKeeperRole::inQuorum);
    }

    private static ZooKeeperMember leader(Map<ZooKeeperMember, ZooKeeperRole> roles) {
        return roles.keySet().stream().filter(member -> roles.get(member) == ZooKeeperRole.LEADER)
                .findFirst().orElseThrow();
    }

    private static Map<ZooKeeperMember, ZooKeeperRole> without(Map<ZooKeeperMember, ZooKeeperRole> roles,
            ZooKeeperMember member) {
        Map<ZooKeeperMember, ZooKeeperRole> others = new LinkedHashMap<>(roles);
        others.remove(member);
        return others;
    }

    /** Every member's role once they satisfy {@code condition}; fails the test after {@link #ELECTION_MAX}. */
    private Map<ZooKeeperMember, ZooKeeperRole> awaitRoles(String what,
            Predicate<Map<ZooKeeperMember, ZooKeeperRole>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + ELECTION_MAX.toNanos();
        while (true) {
            Map<ZooKeeperMember, ZooKeeperRole> roles = new LinkedHashMap<>();
            ensemble.members().forEach(member -> roles.put(member, ensemble.role(member)));
            if (condition.test(roles)) {
                return roles;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + ELECTION_MAX.toSeconds() + " s: " + what + "; roles " + roles);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
