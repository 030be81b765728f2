package dev.ledger;

import dev.ledger.contract.Mode;
import dev.ledger.contract.NodeEnvironment;
import dev.ledger.store.StandaloneDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts the service; with no database configured, first starts an embedded PostgreSQL for it. A missing or wrong
 * mode is said before that, in one line: not after PostgreSQL started and its migrations ran, as a "Caused by" of a
 * stack trace.
 */
@QuarkusMain
public class LedgerMain {

    /** A configuration error (sysexits' EX_CONFIG): restarting the same way cannot help. */
    private static final int EXIT_CONFIGURATION = 78;
    private static final String MODE_PROPERTY = "ledger.mode";
    /** Files in the working directory Quarkus reads configuration from: where the mode may be set too. */
    private static final List<String> WORKING_DIRECTORY_CONFIG = List.of(".env", "config/application.properties");
    /**
     * protobuf-java's opt-out of its warning about code generated before protobuf 3.21.7, which SOFAJRaft 1.3.15's
     * message classes are: they parse only what members send over mutual TLS and this node's own log (raft.md,
     * "Limits").
     */
    private static final String OLD_PROTOBUF_CODE_ACCEPTED = "com.google.protobuf.use_unsafe_pre22_gencode";

    public static void main(String... args) {
        System.setProperty(OLD_PROTOBUF_CODE_ACCEPTED, "true");
        Optional<String> modeProblem = modeProblem(System.getProperties(), System.getenv(), Path.of(""));
        if (modeProblem.isPresent()) {
            exitMisconfigured(modeProblem.get());
        }
        try {
            StandaloneDatabase.startUnlessConfigured();
        } catch (StandaloneDatabase.NotConfigured e) {
            exitMisconfigured(e.getMessage());
        }
        Quarkus.run(args);
    }

    /** What to set, in one line: a stack trace would bury it in the pod's log. */
    private static void exitMisconfigured(String why) {
        System.err.println(why);
        System.exit(EXIT_CONFIGURATION);
    }

    /**
     * Why the mode given by a system property or the environment cannot run ({@link Mode#parse}'s one line); empty
     * when it can, or when it is not given there but a file in {@code workingDirectory} that Quarkus reads may set it
     * (start-up then says so later, as any other setting).
     */
    static Optional<String> modeProblem(Properties system, Map<String, String> environment, Path workingDirectory) {
        String configured = system.getProperty(MODE_PROPERTY, environment.get(NodeEnvironment.MODE));
        if (configured == null
                && WORKING_DIRECTORY_CONFIG.stream().anyMatch(file -> Files.exists(workingDirectory.resolve(file)))) {
            return Optional.empty();
        }
        try {
            Mode.parse(configured);
            return Optional.empty();
        } catch (IllegalStateException wrong) {
            return Optional.of(wrong.getMessage());
        }
    }
}
