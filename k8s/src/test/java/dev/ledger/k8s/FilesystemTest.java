package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ledger's root filesystem is read-only; what it writes goes to volumes: temporary files to /tmp (the JVM's
 * java.io.tmpdir: RocksDB's native library, Vert.x' file cache, the JVM's perf data, as a run of the packaged
 * service shows) and, in raft mode, the raft log to its volume.
 */
class FilesystemTest {

    /** java.io.tmpdir of the image's JVM (no -Djava.io.tmpdir anywhere). */
    static final String TMP = "/tmp";

    @ParameterizedTest
    @MethodSource("dev.ledger.k8s.TwoInstallsTest#kustomizations")
    void theRootIsReadOnlyAndWhatTheServiceWritesIsOnAWritableVolume(String kustomization) {
        Rendering rendering = Rendering.of(kustomization);
        Container ledger = rendering.ledgerContainer();
        Map<String, String> env = rendering.env(ledger);
        List<String> written = new ArrayList<>(List.of(TMP));
        if (env.containsKey("LEDGER_RAFT_DATA_DIR")) {
            written.add(env.get("LEDGER_RAFT_DATA_DIR"));
        }

        assertTrue(ledger.getSecurityContext().getReadOnlyRootFilesystem());
        assertTrue(env.keySet().stream().noneMatch(name -> name.startsWith("JAVA_OPTS")
                && env.get(name).contains("java.io.tmpdir")), "java.io.tmpdir moved away from " + TMP);
        for (String path : written) {
            VolumeMount mount = ledger.getVolumeMounts().stream()
                    .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(path + " is on the read-only root"));
            assertNotEquals(Boolean.TRUE, mount.getReadOnly(), path);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.ledger.k8s.TwoInstallsTest#kustomizations")
    void tmpIsAnEmptyDirOfBoundedSize(String kustomization) {
        Rendering.Workload ledger = Rendering.of(kustomization).ledger();
        VolumeMount tmp = ledger.container("ledger").getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(TMP)).findFirst().orElseThrow();
        Volume volume = ledger.template().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();

        // Scratch space that comes and goes with the pod; bounded, so that a pod that fills it is evicted instead
        // of filling the node's disk.
        assertNotNull(volume.getEmptyDir(), "not an emptyDir: " + volume);
        assertNotNull(volume.getEmptyDir().getSizeLimit(), "no size limit");
        assertNull(volume.getEmptyDir().getMedium(), "in memory, it would count against the memory limit");
    }
}
