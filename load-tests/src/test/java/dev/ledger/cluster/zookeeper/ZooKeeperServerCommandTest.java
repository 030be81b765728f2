package dev.ledger.cluster.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.Processes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZooKeeperServerCommandTest {

    /** The pom's versions: a change of them should be a decision, checked by the ensemble's IT. */
    @Test
    void theClassPathIsTheSixJarsTheServerNeedsFromThisClassPath() {
        List<Path> jars = Arrays.stream(ZooKeeperServerCommand.classPath().split(File.pathSeparator))
                .map(Path::of).toList();

        List<String> names = jars.stream().map(jar -> jar.getFileName().toString()).toList();
        assertEquals(6, names.size(), names.toString());
        List<String> expected = List.of("zookeeper-3\\.9\\.5\\.jar", "zookeeper-jute-3\\.9\\.5\\.jar",
                "slf4j-api-2\\..*\\.jar", "metrics-core-4\\.1\\.12\\.1\\.jar", "snappy-java-.*\\.jar",
                "slf4j-simple-2\\..*\\.jar");
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(names.get(i).matches(expected.get(i)), names.get(i) + " is not " + expected.get(i));
        }
        jars.forEach(jar -> assertTrue(Files.isRegularFile(jar), jar + " is missing"));
    }

    @Test
    void theMemberRunsQuorumPeerMainOnItsZooCfgWithASmallHeap() {
        ZooKeeperMember member = ZooKeeperMember.forCluster(new LedgerHome(Path.of("/repo")), 8081, false).get(0);

        List<String> command = ZooKeeperServerCommand.of(member);

        assertEquals(Processes.javaExecutable(), command.get(0));
        assertTrue(command.contains("-Xmx128m"), command.toString());
        assertEquals(List.of("org.apache.zookeeper.server.quorum.QuorumPeerMain",
                "/repo/.ledger/cluster/zookeeper/zk1/zoo.cfg"), command.subList(command.size() - 2, command.size()));
    }
}
