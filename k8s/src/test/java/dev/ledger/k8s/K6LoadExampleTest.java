package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * examples/k6-load: a Job that runs the repository's k6 script inside the namespace, against an install's Service, from
 * the ConfigMap its comment and the README tell how to make.
 */
class K6LoadExampleTest {

    private static final Path K6 = Rendering.k8sDir().resolveSibling("load-tests").resolve("k6");
    private static final String SCRIPTS = "/scripts";

    private final Rendering example = Rendering.of("examples/k6-load");
    private final Job job = example.one(Job.class, "ledger-k6");
    private final PodSpec pod = job.getSpec().getTemplate().getSpec();
    private final Container k6 = pod.getContainers().get(0);

    @Test
    void runsTheScriptFromTheConfigMapOnceAndFailsWithIt() {
        assertEquals(List.of("run", SCRIPTS + "/ledger.js"), k6.getArgs());
        assertTrue(k6.getImage().matches("grafana/k6:\\d+\\.\\d+\\.\\d+"), "a pinned k6 release: " + k6.getImage());
        assertEquals(0, job.getSpec().getBackoffLimit(), "a failed run is a result, not something to retry");
        assertEquals("Never", pod.getRestartPolicy());
        String configMap = pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals(mountAt(SCRIPTS)))
                .map(volume -> volume.getConfigMap().getName()).findFirst().orElseThrow();
        assertEquals("ledger-k6", configMap);
    }

    @Test
    void theConfigMapItNeedsIsMadeFromEveryScriptTheScriptImports() throws IOException {
        Set<String> imported = new TreeSet<>(List.of("ledger.js"));
        Matcher local = Pattern.compile("from '\\./([\\w.-]+)'").matcher(Files.readString(K6.resolve("ledger.js")));
        while (local.find()) {
            imported.add(local.group(1));
        }
        for (String text : List.of(Files.readString(Rendering.k8sDir().resolve("examples/k6-load/kustomization.yaml")),
                Files.readString(Rendering.k8sDir().resolve("README.md")))) {
            assertTrue(text.contains("create configmap ledger-k6"), text);
            for (String script : imported) {
                assertTrue(text.contains("--from-file=load-tests/k6/" + script), "the ConfigMap lacks " + script);
            }
        }
    }

    @Test
    void setsOnlySettingsTheScriptReadsAndReachesTheInstallsService() throws IOException {
        Map<String, String> env = k6.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        Set<String> read = new TreeSet<>();
        // lib.js's config(env) reads every setting: env.NAME, or a helper given env and 'NAME'
        Matcher setting = Pattern.compile("env(?:\\.|, ')([A-Z_]+)").matcher(Files.readString(K6.resolve("lib.js")));
        while (setting.find()) {
            read.add(setting.group(1));
        }
        assertTrue(read.containsAll(env.keySet()), "settings the script never reads: " + env.keySet());
        assertTrue(List.of("pessimistic", "optimistic", "idempotent", "raft", "zookeeper").contains(env.get("MODE")));
        Service service = Rendering.of("overlays/raft").one(Service.class, "ledger");
        int port = service.getSpec().getPorts().get(0).getPort();
        assertEquals("http://" + service.getMetadata().getName() + ":" + port, env.get("BASE_URLS"));
        // the summary is written where the read-only root lets it
        assertTrue(env.get("SUMMARY_FILE").startsWith(mountPath("tmp") + "/"), env.get("SUMMARY_FILE"));
        assertTrue(k6.getSecurityContext().getReadOnlyRootFilesystem());
    }

    private String mountAt(String path) {
        return k6.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path)).getName();
    }

    private String mountPath(String volume) {
        return k6.getVolumeMounts().stream().filter(mount -> mount.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + volume + " mounted")).getMountPath();
    }
}
