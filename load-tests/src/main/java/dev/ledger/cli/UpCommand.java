package dev.ledger.cli;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.IsolatedNetwork;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * {@code ./ledger up}: checks that nothing is in the way, then supervises the cluster in the
 * foreground until Ctrl-C or SIGTERM, or has a background supervisor do it ({@code --detach}).
 */
public final class UpCommand {

    private final LedgerHome home;

    public UpCommand(LedgerHome home) {
        this.home = home;
    }

    void run(UpOptions options) throws IOException, InterruptedException {
        refuseIfClusterRunning();
        LocalCluster.requireServiceJar(home);
        LocalCluster.requireFreePorts(home, options.cluster());
        if (options.cluster().isolated()) {
            IsolatedNetwork.requireUsable(); // said here, before a detached supervisor would say it into its log
        }
        if (options.detach()) {
            new DetachedStart(home).run(options);
        } else {
            runInForeground(options);
        }
    }

    private void runInForeground(UpOptions options) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(home, options.cluster());
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
            throw new CommandFailedException("a cluster is already running (mode " + previous.get().mode().value()
                    + ", see ./ledger status); run ./ledger down first");
        }
        // Every process it recorded is gone (its supervisor was killed, or the machine rebooted).
        Files.delete(home.stateFile());
    }
}
