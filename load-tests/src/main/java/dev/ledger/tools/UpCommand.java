package dev.ledger.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./ledger up}: checks that nothing is in the way, then supervises the cluster in the
 * foreground until Ctrl-C or SIGTERM, or has a background supervisor do it ({@code --detach}).
 */
final class UpCommand {

    private final LedgerHome home;

    UpCommand(LedgerHome home) {
        this.home = home;
    }

    void run(UpOptions options) throws IOException, InterruptedException {
        refuseIfClusterRunning();
        requireServiceJar(home);
        requireFreePorts(home, options);
        if (options.detach()) {
            new DetachedStart(home).run(options);
        } else {
            runInForeground(options);
        }
    }

    private void runInForeground(UpOptions options) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(home, options);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "ledger-cluster-stop"));
        ClusterState state;
        try {
            state = cluster.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.stop();
            throw e;
        }
        ClusterSummary.print(state, home, "./ledger down, or Ctrl-C here");
        cluster.superviseUntilStopped();
    }

    private void refuseIfClusterRunning() throws IOException {
        Optional<ClusterState> previous = ClusterState.read(home.stateFile());
        if (previous.isEmpty()) {
            return;
        }
        if (previous.get().anyProcessAlive()) {
            throw new CommandFailedException("a cluster is already running (mode " + previous.get().mode().cliName()
                    + ", see ./ledger status); run ./ledger down first");
        }
        // Every process it recorded is gone (its supervisor was killed, or the machine rebooted).
        Files.delete(home.stateFile());
    }

    static void requireServiceJar(LedgerHome home) {
        if (!Files.isRegularFile(home.serviceJar())) {
            throw new CommandFailedException("the service is not built (" + home.display(home.serviceJar())
                    + " is missing): run ./mvnw -DskipTests package first");
        }
    }

    /** Before start-up, so that nodes never talk to (or readiness checks reach) a stranger on our ports. */
    static void requireFreePorts(LedgerHome home, UpOptions options) {
        List<Integer> busyPorts = NodeSpec.forCluster(home, options.nodes(), options.basePort()).stream()
                .flatMap(node -> node.listenPorts(options.mode()).stream())
                .filter(port -> !Loopback.isPortFree(port))
                .toList();
        if (!busyPorts.isEmpty()) {
            throw new CommandFailedException("ports already in use on " + Loopback.ADDRESS + ": " + busyPorts
                    + "; stop whatever listens there or choose another --base-port");
        }
    }
}
