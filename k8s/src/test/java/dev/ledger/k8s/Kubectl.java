package dev.ledger.k8s;

import java.nio.file.Path;
import java.util.List;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the renderer behind {@code kubectl apply -k}, so the
 * tests check what users would apply, with whatever kubectl is installed (CI: Debian's 1.20, see .ci/run).
 */
final class Kubectl {

    private Kubectl() {
    }

    /**
     * Runs a script that makes secrets (the raft group's, zookeeper mode's cluster secret), as a user does before the
     * first apply: the kustomizations read them from files that are not in the repository. It keeps existing ones.
     */
    static synchronized void makeSecrets(Path script) {
        Command.Result made = Command.run(List.of("bash", script.toString()));
        if (made.exitCode() != 0) {
            throw new AssertionError(script + " failed: " + made.describe());
        }
    }

    static String kustomize(Path kustomization) {
        Command.Result rendered = Command.run(List.of(ExternalTool.KUBECTL.require(), "kustomize",
                kustomization.toString()));
        if (rendered.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed: " + rendered.stderr());
        }
        return rendered.stdout();
    }
}
