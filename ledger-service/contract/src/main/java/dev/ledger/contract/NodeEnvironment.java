package dev.ledger.contract;

/**
 * The environment variables a service node reads that the launcher sets; each is the env form of the property it
 * names (SmallRye's mapping), so the service declares them in its configuration mappings ({@code LedgerConfig}, and
 * each mode's beside it: {@code RaftConfig}, {@code ZooKeeperConfig}) and application.properties.
 */
public final class NodeEnvironment {

    /** ledger.mode */
    public static final String MODE = "LEDGER_MODE";
    /** ledger.node-id */
    public static final String NODE_ID = "LEDGER_NODE_ID";
    /** ledger.raft.peers: {@code id@host:raftPort@httpUrl}, comma-separated */
    public static final String RAFT_PEERS = "LEDGER_RAFT_PEERS";
    /** ledger.raft.data-dir */
    public static final String RAFT_DATA_DIR = "LEDGER_RAFT_DATA_DIR";
    /** ledger.raft.adopt-database */
    public static final String RAFT_ADOPT_DATABASE = "LEDGER_RAFT_ADOPT_DATABASE";
    /** ledger.raft.bind-port: where the raft server listens when a relay takes its peer port */
    public static final String RAFT_BIND_PORT = "LEDGER_RAFT_BIND_PORT";
    /** ledger.raft.tls-keystore */
    public static final String RAFT_TLS_KEYSTORE = "LEDGER_RAFT_TLS_KEYSTORE";
    /** ledger.zookeeper.connect: the ensemble, {@code host:port,host:port,...} */
    public static final String ZOOKEEPER_CONNECT = "LEDGER_ZOOKEEPER_CONNECT";
    /** ledger.zookeeper.http-url: where the other nodes reach this one when it leads */
    public static final String ZOOKEEPER_HTTP_URL = "LEDGER_ZOOKEEPER_HTTP_URL";
    /** ledger.workflow.shard1-url: the workflow mode's second database */
    public static final String WORKFLOW_SHARD1_URL = "LEDGER_WORKFLOW_SHARD1_URL";
    /** ledger.cluster-secret */
    public static final String CLUSTER_SECRET = "LEDGER_CLUSTER_SECRET";
    /** ledger.admin.token */
    public static final String ADMIN_TOKEN = "LEDGER_ADMIN_TOKEN";
    /** ledger.admin.faults-enabled */
    public static final String ADMIN_FAULTS_ENABLED = "LEDGER_ADMIN_FAULTS_ENABLED";
    /** ledger.dashboard.nodes: {@code id@httpUrl}, comma-separated */
    public static final String DASHBOARD_NODES = "LEDGER_DASHBOARD_NODES";
    /** ledger.dashboard.reports-dir */
    public static final String DASHBOARD_REPORTS_DIR = "LEDGER_DASHBOARD_REPORTS_DIR";
    /** ledger.http.rate-limit-per-client-per-second; 0 turns the limit off */
    public static final String RATE_LIMIT_PER_CLIENT_PER_SECOND = "LEDGER_HTTP_RATE_LIMIT_PER_CLIENT_PER_SECOND";
    /** ledger.http.noop-enabled: the comparison's HTTP baseline endpoint */
    public static final String HTTP_NOOP_ENABLED = "LEDGER_HTTP_NOOP_ENABLED";
    /** quarkus.http.host */
    public static final String HTTP_HOST = "QUARKUS_HTTP_HOST";
    /** quarkus.http.port */
    public static final String HTTP_PORT = "QUARKUS_HTTP_PORT";
    /** quarkus.datasource.jdbc.url; unset, a standalone service starts an embedded PostgreSQL */
    public static final String JDBC_URL = "QUARKUS_DATASOURCE_JDBC_URL";
    /** quarkus.datasource.username */
    public static final String DATABASE_USERNAME = "QUARKUS_DATASOURCE_USERNAME";
    /** quarkus.datasource.password */
    public static final String DATABASE_PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";

    private NodeEnvironment() {
    }
}
