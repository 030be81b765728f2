package dev.ledger.cluster.zookeeper;

import dev.ledger.cluster.IsolatedNetwork;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.Loopback;
import dev.ledger.cluster.NodeSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Member {@code zk<myid>} of the local ZooKeeper ensemble: the address it listens on ({@code host}), its ports and its
 * directory, which holds its zoo.cfg, its data and its log.
 */
public record ZooKeeperMember(int myid, String host, int clientPort, int quorumPort, int electionPort, Path dir) {

    /** Three members: a quorum of two survives one lost member, and two lost members stop it. */
    public static final int MEMBERS = 3;
    /**
     * Where each kind of port starts above the cluster's base port: past the HTTP ports (base + 0..) and the raft
     * ports (base + {@link NodeSpec#RAFT_PORT_OFFSET} + 0..), one hundred ports per kind, as those two.
     */
    public static final int CLIENT_PORT_OFFSET = 2 * NodeSpec.RAFT_PORT_OFFSET;
    static final int QUORUM_PORT_OFFSET = 3 * NodeSpec.RAFT_PORT_OFFSET;
    public static final int ELECTION_PORT_OFFSET = 4 * NodeSpec.RAFT_PORT_OFFSET;

    /**
     * zk1..zk3, {@code myid} 1..3, with ports base + 201..203 (clients), +301..303 (quorum), +401..403 (election); on
     * loopback, or {@code isolated} each on the address of a namespace of its own.
     */
    public static List<ZooKeeperMember> forCluster(LedgerHome home, int basePort, boolean isolated) {
        return IntStream.rangeClosed(1, MEMBERS)
                .mapToObj(myid -> new ZooKeeperMember(myid,
                        isolated ? IsolatedNetwork.memberAddress(myid) : Loopback.ADDRESS,
                        basePort + CLIENT_PORT_OFFSET + myid,
                        basePort + QUORUM_PORT_OFFSET + myid, basePort + ELECTION_PORT_OFFSET + myid,
                        home.zooKeeperMemberDir(id(myid))))
                .toList();
    }

    /** The highest port of the ensemble of a cluster with this base port: member 3's election port. */
    public static int highestPort(int basePort) {
        return basePort + ELECTION_PORT_OFFSET + MEMBERS;
    }

    /** The members' client addresses, as a ZooKeeper client takes them ({@code host:port,host:port,...}). */
    public static String connectString(List<ZooKeeperMember> members) {
        return String.join(",", members.stream().map(ZooKeeperMember::clientAddress).toList());
    }

    private static String id(int myid) {
        return "zk" + myid;
    }

    public String id() {
        return id(myid);
    }

    /** The ports this member will listen on, which must be free before it starts. */
    public List<Integer> listenPorts() {
        return List.of(clientPort, quorumPort, electionPort);
    }

    public String clientAddress() {
        return host + ":" + clientPort;
    }

    /** This member in every member's zoo.cfg: where the others reach it for the quorum and for elections. */
    String serverLine() {
        return "server." + myid + "=" + host + ":" + quorumPort + ":" + electionPort;
    }

    Path configFile() {
        return dir.resolve("zoo.cfg");
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Which of the {@code server.N} lines is this member: ZooKeeper reads it from the data directory. */
    Path myidFile() {
        return dataDir().resolve("myid");
    }

    public Path log() {
        return dir.resolve("zookeeper.log");
    }
}
