package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every label selector of a rendering that picks pods: Services, workloads, anti-affinity, budgets, policies. */
final class Selectors {

    /** One selector and where it is, e.g. "Service ledger". */
    record Selector(String where, Map<String, String> labels) {
    }

    private Selectors() {
    }

    static List<Selector> of(Rendering rendering) {
        List<Selector> selectors = new ArrayList<>();
        for (Service service : rendering.all(Service.class)) {
            selectors.add(new Selector("Service " + service.getMetadata().getName(), service.getSpec().getSelector()));
        }
        for (Rendering.Workload workload : rendering.workloads()) {
            add(selectors, workload.describe(), workload.selector());
            Affinity affinity = workload.template().getSpec().getAffinity();
            if (affinity != null && affinity.getPodAntiAffinity() != null) {
                for (WeightedPodAffinityTerm term
                        : affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) {
                    add(selectors, workload.describe() + " anti-affinity",
                            term.getPodAffinityTerm().getLabelSelector());
                }
            }
        }
        for (PodDisruptionBudget budget : rendering.all(PodDisruptionBudget.class)) {
            add(selectors, "PodDisruptionBudget " + budget.getMetadata().getName(), budget.getSpec().getSelector());
        }
        for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
            String name = "NetworkPolicy " + policy.getMetadata().getName();
            add(selectors, name, policy.getSpec().getPodSelector());
            policy.getSpec().getIngress().forEach(rule -> rule.getFrom().stream()
                    .filter(peer -> peer.getPodSelector() != null)
                    .forEach(peer -> add(selectors, name + " ingress from", peer.getPodSelector())));
        }
        return selectors;
    }

    private static void add(List<Selector> selectors, String where, LabelSelector selector) {
        assertTrue(selector.getMatchExpressions().isEmpty(), where + ": matchExpressions are not checked here");
        selectors.add(new Selector(where, selector.getMatchLabels()));
    }
}
