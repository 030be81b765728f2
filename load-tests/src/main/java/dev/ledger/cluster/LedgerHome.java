package dev.ledger.cluster;

import java.nio.file.Path;

/**
 * The repository root ({@code -Dledger.home}, set by {@code ./ledger}) and the files the launcher
 * keeps under {@code .ledger/cluster/}. {@code userRoot}: where the user runs {@code ./ledger} from, which paths are
 * shown relative to; the root itself, but for the clusters of a comparison, which live under its report.
 */
public record LedgerHome(Path root, Path userRoot) {

    public LedgerHome(Path root) {
        this(root, root);
    }

    /** A home under this one (a comparison's cluster), whose paths are shown as from this one. */
    public LedgerHome nested(Path root) {
        return new LedgerHome(root, userRoot);
    }

    public static final String HOME_PROPERTY = "ledger.home";
    /** Another build of the service than the repository's, e.g. a copy that a rebuild cannot touch. */
    public static final String SERVICE_JAR_PROPERTY = "ledger.service.jar";

    /** The root given by {@code ./ledger}, or the working directory when the jar is run directly. */
    public static LedgerHome fromSystemProperties() {
        String root = System.getProperty(HOME_PROPERTY, System.getProperty("user.dir"));
        return new LedgerHome(Path.of(root).toAbsolutePath().normalize());
    }

    /** {@code -Dledger.service.jar} if set, else the jar that the repository's build produces. */
    public Path serviceJar() {
        String configured = System.getProperty(SERVICE_JAR_PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return root.resolve("ledger-service/target/quarkus-app/quarkus-run.jar");
    }

    /** Where {@code ./ledger compare} writes {@code <stamp>/}, and where the dashboard looks for the latest. */
    public Path reportsDir() {
        return root.resolve("reports");
    }

    public Path clusterDir() {
        return root.resolve(".ledger/cluster");
    }

    public Path stateFile() {
        return clusterDir().resolve("state.json");
    }

    /** Kept between runs: accounts and transfers survive {@code down} and the next {@code up}. */
    public Path postgresDataDir() {
        return postgresDataDir(DatabaseName.MAIN);
    }

    /** The workflow mode's second database, kept as the first is. */
    public Path shard1DataDir() {
        return postgresDataDir(DatabaseName.SHARD_1);
    }

    /** The data of one of the cluster's databases (the workflow mode has a second one, shard 1's). */
    Path postgresDataDir(DatabaseName name) {
        return clusterDir().resolve(name.directory());
    }

    Path postgresLog(DatabaseName name) {
        return clusterDir().resolve(name.directory() + ".log");
    }

    /** Output of the background supervisor that {@code up --detach} starts. */
    public Path launcherLog() {
        return clusterDir().resolve("launcher.log");
    }

    Path nodeDir(String nodeId) {
        return clusterDir().resolve("nodes").resolve(nodeId);
    }

    /** The local ZooKeeper ensemble: a directory per member. */
    public Path zooKeeperDir() {
        return clusterDir().resolve("zookeeper");
    }

    /** A member of the local ZooKeeper ensemble: its zoo.cfg, data and log. */
    public Path zooKeeperMemberDir(String memberId) {
        return zooKeeperDir().resolve(memberId);
    }

    /** A path as the user would type it from the repository root. */
    public String display(Path path) {
        return path.startsWith(userRoot) ? userRoot.relativize(path).toString() : path.toString();
    }
}
