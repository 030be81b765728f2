package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict parsing that every rendered overlay goes through refuses what the API server would refuse. */
class StrictModelTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ledger
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: ledger
                    image: ledger-service
            """;

    @Test
    void parsesAKnownObjectIntoItsType() {
        var objects = StrictModel.parseAll(DEPLOYMENT + "---\n" + DEPLOYMENT.replace("name: ledger\n", "name: b\n"));

        assertEquals(2, objects.size());
        assertEquals(3, ((Deployment) objects.get(0)).getSpec().getReplicas());
    }

    @Test
    void refusesAMisspeltFieldNamingWhereItIs() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> StrictModel.parseAll(DEPLOYMENT.replace("image:", "imag:")));

        assertTrue(failure.getMessage().contains(
                "Deployment ledger: unknown field .spec.template.spec.containers[0].imag"),
                failure.getMessage());
    }

    @Test
    void refusesAFieldAtTheWrongLevel() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> StrictModel.parseAll(DEPLOYMENT + "  serviceName: ledger-raft\n"));

        assertTrue(failure.getMessage().contains("unknown field .spec.serviceName"), failure.getMessage());
    }

    @Test
    void refusesAValueOfTheWrongType() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> StrictModel.parseAll(DEPLOYMENT.replace("replicas: 3", "replicas: three")));

        assertTrue(failure.getMessage().contains("DeploymentSpec[\"replicas\"]"), failure.getMessage());
    }

    @Test
    void refusesAnUnknownKind() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> StrictModel.parseAll(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")));

        assertTrue(failure.getMessage().contains("not a Kubernetes object the model knows"), failure.getMessage());

    }
}
