package dev.ledger.cluster.zookeeper;

import java.util.ArrayList;
import java.util.List;

/** The zoo.cfg of a member of the local ensemble: a quorum that notices a lost member within seconds. */
final class ZooKeeperConfig {

    /**
     * ZooKeeper's unit of time. The server grants sessions of 2 to 20 ticks, 1 to 10 s here, so that the service's
     * 4 s session fits (its default tick of 3 s would stretch every session to at least 6 s).
     */
    static final int TICK_TIME_MS = 500;
    /** A follower has 5 s to connect and sync to a new leader: a local ensemble holds next to no data. */
    static final int INIT_LIMIT_TICKS = 10;
    /** A follower that has not heard from the leader for 2.5 s drops out and a new election begins. */
    static final int SYNC_LIMIT_TICKS = 5;
    /** {@code srvr} tells the launcher a member's role; the others are for a person looking at a member by hand. */
    static final String FOUR_LETTER_WORDS = String.join(",", ZooKeeperRole.PROBE_WORD, "ruok", "mntr", "stat");

    private ZooKeeperConfig() {
    }

    static String render(ZooKeeperMember member, List<ZooKeeperMember> ensemble) {
        List<String> lines = new ArrayList<>(List.of(
                "tickTime=" + TICK_TIME_MS,
                "initLimit=" + INIT_LIMIT_TICKS,
                "syncLimit=" + SYNC_LIMIT_TICKS,
                "dataDir=" + member.dataDir(),
                "clientPort=" + member.clientPort(),
                "clientPortAddress=" + member.host(),
                // The admin server needs Jetty, which the class path leaves out, and nobody would use it.
                "admin.enableServer=false",
                "4lw.commands.whitelist=" + FOUR_LETTER_WORDS));
        ensemble.forEach(other -> lines.add(other.serverLine()));
        return String.join("\n", lines) + "\n";
    }
}
