package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The database modes: interchangeable stateless pods, any number of them, and nothing of raft. */
class DatabaseModeOverlayTest {

    @ParameterizedTest
    @ValueSource(strings = {"pessimistic", "optimistic", "idempotent"})
    void runsThreeStatelessPodsWithoutRaft(String mode) {
        Rendering rendering = Rendering.of("overlays/" + mode);
        Deployment ledger = assertInstanceOf(Deployment.class, rendering.ledger().object());

        assertEquals(3, ledger.getSpec().getReplicas());
        assertEquals(List.of("http"), rendering.ledgerContainer().getPorts().stream()
                .map(ContainerPort::getName).toList());
        assertTrue(rendering.env(rendering.ledgerContainer()).keySet().stream()
                .noneMatch(name -> name.startsWith("LEDGER_RAFT_")));
        assertTrue(rendering.find(Service.class, "ledger-raft").isEmpty());
    }
}
