package dev.ledger.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the renderer behind {@code kubectl apply -k}, so the
 * tests check what users would apply, with whatever kubectl is installed (CI: Debian's 1.20, see .ci/run).
 */
final class Kubectl {

    /** Override with env KUBECTL, e.g. to check the manifests with another kubectl version. */
    private static final String BINARY = System.getenv().getOrDefault("KUBECTL", "kubectl");
    private static final long TIMEOUT_SECONDS = 60;

    private Kubectl() {
    }

    /**
     * Runs the script that makes the raft group's secrets, as a user does before the first apply: the raft
     * kustomization reads them from files that are not in the repository. It keeps existing ones.
     */
    static synchronized void makeRaftSecrets(Path script) {
        try {
            Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            String output = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(script + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String kustomize(Path kustomization) {
        Process process;
        try {
            process = new ProcessBuilder(BINARY, "kustomize", kustomization.toString()).start();
        } catch (IOException e) {
            // CI must check the manifests; a developer without kubectl still gets the rest of the build.
            if (System.getenv("CI") != null) {
                throw new AssertionError("kubectl not found: .ci/run installs Debian's kubernetes-client", e);
            }
            return Assumptions.abort("kubectl not found, manifests not checked (install kubectl or Debian's "
                    + "kubernetes-client)");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + kustomization + " took over " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed: " + stderr.join());
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
