package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/apply.sh, run on a copy of k8s/ with a kubectl that renders for real but records what it would apply: the
 * raft overlay without its secrets gets one sentence naming make-secrets.sh, zookeeper mode without its cluster
 * secret one naming make-secret.sh; with them they are applied.
 */
class ApplyScriptTest {

    @TempDir
    Path copy;

    /** k8s/ without target/, src/ and the secrets that make-secrets.sh and make-secret.sh made. */
    private void copyManifests() {
        Path k8s = Rendering.k8sDir();
        try (Stream<Path> files = Files.walk(k8s)) {
            for (Path file : files.toList()) {
                String relative = k8s.relativize(file).toString();
                if (relative.startsWith("target") || relative.startsWith("src")
                        || relative.startsWith("raft-group/secrets") || relative.startsWith("cluster-secret/secrets")) {
                    continue;
                }
                Path target = copy.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders with the real kubectl; `apply -f -` writes its input and arguments to applied.yaml instead. */
    private Path recordingKubectl(String kubectl) throws IOException {
        Path fake = copy.resolve("kubectl-recording");
        Files.writeString(fake, """
                #!/usr/bin/env bash
                if [[ "$1" == apply ]]; then
                  echo "# $*" > "$(dirname "$0")/applied.yaml"
                  cat >> "$(dirname "$0")/applied.yaml"
                  exit 0
                fi
                exec "%s" "$@"
                """.formatted(kubectl));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    private Command.Result apply(String kustomization, String... options) throws IOException {
        Path kubectl = recordingKubectl(ExternalTool.KUBECTL.require());
        List<String> command = new ArrayList<>(List.of("bash", "apply.sh", kustomization));
        command.addAll(List.of(options));
        return Command.run(command, copy, Map.of("KUBECTL", kubectl.toString()));
    }

    @Test
    void withoutTheRaftSecretsSaysToMakeThemAndAppliesNothing() throws IOException {
        copyManifests();

        Command.Result refused = apply("overlays/raft", "-n", "ledger");

        assertEquals(1, refused.exitCode(), refused.describe());
        assertEquals("The raft group's secrets have not been made yet: run k8s/raft-group/make-secrets.sh (once; it"
                + " keeps them afterwards), then this again.", refused.stderr().strip());
        assertFalse(Files.exists(copy.resolve("applied.yaml")));
    }

    @Test
    void withThemAppliesWhatKustomizeRendersWithTheOptionsGiven() throws IOException {
        copyManifests();
        Kubectl.makeSecrets(copy.resolve("raft-group/make-secrets.sh"));

        Command.Result applied = apply("overlays/raft", "-n", "ledger");

        assertEquals(0, applied.exitCode(), applied.describe());
        String manifests = Files.readString(copy.resolve("applied.yaml"));
        assertTrue(manifests.startsWith("# apply -f - -n ledger\n"), manifests.lines().findFirst().orElse(""));
        assertEquals(1, StrictModel.parseAll(manifests).stream().filter(StatefulSet.class::isInstance)
                .filter(o -> o.getMetadata().getName().equals("ledger")).count());
    }

    @Test
    void zookeeperModeWithoutTheClusterSecretSaysToMakeItAndAppliesNothing() throws IOException {
        copyManifests();
        // The raft group's secrets do not help: zookeeper mode reads its own.
        Kubectl.makeSecrets(copy.resolve("raft-group/make-secrets.sh"));

        Command.Result refused = apply("overlays/zookeeper", "-n", "ledger");

        assertEquals(1, refused.exitCode(), refused.describe());
        assertEquals("The cluster secret has not been made yet: run k8s/cluster-secret/make-secret.sh (once; it keeps"
                + " it afterwards), then this again.", refused.stderr().strip());
        assertFalse(Files.exists(copy.resolve("applied.yaml")));

        Kubectl.makeSecrets(copy.resolve("cluster-secret/make-secret.sh"));
        Command.Result applied = apply("overlays/zookeeper", "-n", "ledger");

        assertEquals(0, applied.exitCode(), applied.describe());
        assertEquals(1, StrictModel.parseAll(Files.readString(copy.resolve("applied.yaml"))).stream()
                .filter(StatefulSet.class::isInstance).filter(o -> o.getMetadata().getName().equals("zookeeper"))
                .count());
    }

    @Test
    void anyOtherFailureIsKustomizesOwnMessage() throws IOException {
        copyManifests();

        Command.Result failed = apply("overlays/no-such-mode");

        assertEquals(1, failed.exitCode(), failed.describe());
        assertTrue(failed.stderr().contains("no-such-mode"), failed.stderr());
        assertFalse(failed.stderr().contains("make-secrets.sh"), failed.stderr());
    }
}
