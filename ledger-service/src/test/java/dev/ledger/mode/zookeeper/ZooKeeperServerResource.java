package dev.ledger.mode.zookeeper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/** A one-member ZooKeeper, in process (curator-test), for the application a zookeeper-mode test profile starts. */
public class ZooKeeperServerResource implements QuarkusTestResourceLifecycleManager {

    /** Under target/, not the temporary directory: ZooKeeper also leaves its generated configuration next to it. */
    private static final Path SERVERS = Path.of("target", "zookeeper-tests");
    private static final int TICK_MS = 500;

    private Path home;
    private TestingServer server;

    @Override
    public Map<String, String> start() {
        try {
            home = SERVERS.resolve(UUID.randomUUID().toString());
            Path dataDir = Files.createDirectories(home.resolve("data"));
            server = new TestingServer(new InstanceSpec(dataDir.toFile(), -1, -1, -1, true, -1, TICK_MS, -1, null,
                    "127.0.0.1"), true);
            return Map.of("ledger.zookeeper.connect", server.getConnectString());
        } catch (Exception e) {
            throw new IllegalStateException("the test ZooKeeper did not start", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
            if (home != null && Files.exists(home)) {
                try (Stream<Path> files = Files.walk(home)) {
                    List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
                    for (Path file : deepestFirst) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
