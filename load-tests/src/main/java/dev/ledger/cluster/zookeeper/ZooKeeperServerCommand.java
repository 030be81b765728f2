package dev.ledger.cluster.zookeeper;

import com.codahale.metrics.Reservoir;
import dev.ledger.cluster.Processes;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jute.BinaryInputArchive;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleServiceProvider;
import org.xerial.snappy.SnappyInputStream;

/**
 * The command that runs one member: {@code java -cp <jars> QuorumPeerMain zoo.cfg}, with the jars this JVM has
 * ZooKeeper from ({@code target/lib} under {@code ./ledger}, the local Maven repository under failsafe), so that
 * nothing is downloaded and the server is the version the pom names.
 */
final class ZooKeeperServerCommand {

    /**
     * A small heap (a fresh member runs in about 80 MB resident), one GC thread, and only the quick JIT
     * compiler: a member handles a few session pings a second, and should leave the two cores to the nodes. With
     * the last two, a fresh ensemble formed its quorum in 3.4-4.0 s instead of 4.0-5.7 s on a busy machine.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * One class of each jar the server needs, the smallest set that runs it: without metrics-core it dies on
     * {@code com.codahale.metrics.Reservoir}, without snappy-java on {@code SnappyInputStream} (snapshot names use
     * it, compressed or not). Netty and Jetty stay out: the server talks NIO and its admin server is off.
     */
    private static final List<Class<?>> SERVER_CLASSES = List.of(QuorumPeerMain.class, BinaryInputArchive.class,
            LoggerFactory.class, Reservoir.class, SnappyInputStream.class,
            // Without a provider slf4j logs nothing, and a member's log would never say why it failed.
            SimpleServiceProvider.class);
    /** slf4j-simple's settings (it writes to stderr, which goes to the member's log): with the time of day. */
    private static final List<String> LOG_OPTIONS = List.of("-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private ZooKeeperServerCommand() {
    }

    static List<String> of(ZooKeeperMember member) {
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable()));
        command.addAll(JVM_OPTIONS);
        command.addAll(LOG_OPTIONS);
        command.addAll(List.of("-cp", classPath(), QuorumPeerMain.class.getName(), member.configFile().toString()));
        return command;
    }

    /** The jars (or class directories) the server classes were loaded from, in the order of the list. */
    static String classPath() {
        return String.join(File.pathSeparator, SERVER_CLASSES.stream().map(ZooKeeperServerCommand::location)
                .distinct().toList());
    }

    private static String location(Class<?> serverClass) {
        try {
            return Path.of(serverClass.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("where " + serverClass.getName() + " was loaded from", e);
        }
    }
}
