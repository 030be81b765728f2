package dev.ledger.cluster;

/**
 * One of a cluster's PostgreSQL databases: the one every mode has (the workflow mode's shard 0 and its engine's state),
 * and the workflow mode's second shard.
 */
enum DatabaseName {
    MAIN("postgres", EmbeddedDatabase.PREFERRED_PORT),
    SHARD_1("postgres-shard1", EmbeddedDatabase.PREFERRED_PORT + 1);

    private final String directory;
    private final int preferredPort;

    DatabaseName(String directory, int preferredPort) {
        this.directory = directory;
        this.preferredPort = preferredPort;
    }

    /** Its data directory's name under the cluster's directory, and its log's (with {@code .log}). */
    String directory() {
        return directory;
    }

    int preferredPort() {
        return preferredPort;
    }
}
