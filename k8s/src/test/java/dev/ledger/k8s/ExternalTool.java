package dev.ledger.k8s;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program some tests need that a developer's machine may lack. Without it those tests are skipped, so that
 * {@code ./mvnw verify} still needs only a JDK; in CI (env {@code CI} set) they fail instead, since .ci/run installs
 * it from Debian.
 */
enum ExternalTool {

    /** Renders the kustomizations (Debian's kubectl 1.20 in CI); env KUBECTL checks with another one. */
    KUBECTL("KUBECTL", "kubectl", "kubernetes-client"),
    /** Checks and unit-tests the Prometheus rules; env PROMTOOL points at another one. */
    PROMTOOL("PROMTOOL", "promtool", "prometheus");

    private final String binary;
    private final String debianPackage;

    ExternalTool(String variable, String command, String debianPackage) {
        this.binary = System.getenv().getOrDefault(variable, command);
        this.debianPackage = debianPackage;
    }

    /** The program to run; skips the calling test without it (fails it in CI). */
    String require() {
        Optional<Path> found = find();
        String missing = binary + " not found (Debian: apt-get install -y " + debianPackage + ")";
        if (System.getenv("CI") != null) {
            Assertions.assertTrue(found.isPresent(), missing + "; .ci/run must install it");
        }
        Assumptions.assumeTrue(found.isPresent(), missing + ": not checked here");
        return found.get().toString();
    }

    /** A path as given, or the first executable of that name on the PATH, as a shell would find it. */
    private Optional<Path> find() {
        if (binary.contains(File.separator)) {
            return Optional.of(Path.of(binary)).filter(Files::isExecutable);
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
