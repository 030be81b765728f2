package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The verdict of a comparison: for each regime and scenario, which mode commits the most, and by how much. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * One verdict per regime and scenario in the order the runs came; a leader mode takes part with its leader-aware
     * run (its any-node run is detail: what forwarding costs).
     */
    static List<Summary.Verdict> of(Summary.Environment environment, List<Summary.RegimeFigures> regimes,
            List<Summary.Run> runs) {
        Map<String, List<Summary.Run>> byRegimeAndScenario = new LinkedHashMap<>();
        for (Summary.Run run : runs) {
            if (run.label().equals(run.mode())) {
                byRegimeAndScenario.computeIfAbsent(run.regime() + "/" + run.scenario(), k -> new ArrayList<>())
                        .add(run);
            }
        }
        List<Summary.Verdict> verdicts = new ArrayList<>();
        for (List<Summary.Run> contest : byRegimeAndScenario.values()) {
            Summary.Run first = contest.get(0);
            Summary.RegimeFigures regime = regimes.stream().filter(r -> r.name().equals(first.regime())).findFirst()
                    .orElse(null);
            List<Summary.Run> ranked = contest.stream()
                    .sorted(Comparator.comparingDouble(Summary.Run::committedPerSec).reversed()).toList();
            double ratio = ranked.size() < 2 || ranked.get(1).committedPerSec() == 0 ? 0
                    : Math.round(ranked.get(0).committedPerSec() / ranked.get(1).committedPerSec() * 100) / 100.0;
            verdicts.add(new Summary.Verdict(first.regime(), first.scenario(), ranked.get(0).mode(), ratio,
                    contest.stream().map(run -> contender(run, environment, regime, regimes, runs)).toList()));
        }
        return verdicts;
    }

    private static Summary.Contender contender(Summary.Run run, Summary.Environment environment,
            Summary.RegimeFigures regime, List<Summary.RegimeFigures> regimes, List<Summary.Run> runs) {
        Double model = null;
        if (regime != null && environment != null && run.relay() != null && run.relay().rttMs() > 0) {
            model = LockModel.perSecond(Mode.fromValue(run.mode()), Scenario.parse(run.scenario()),
                    environment.accounts(), environment.seed(), run.relay().measuredMs(), regime.commitMs(),
                    withoutDelay(run, regimes, runs)).orElse(null);
        }
        return new Summary.Contender(run.mode(), run.committedPerSec(), run.p99Ms(), run.cpuMsPerTransfer(), model);
    }

    /** The same mode's run of the same scenario in a regime without delay, if the comparison has one. */
    private static Optional<LockModel.WithoutDelay> withoutDelay(Summary.Run run, List<Summary.RegimeFigures> regimes,
            List<Summary.Run> runs) {
        for (Summary.RegimeFigures regime : regimes) {
            if (regime.rttMs() == 0) {
                Optional<Summary.Run> same = runs.stream().filter(r -> r.regime().equals(regime.name())
                        && r.label().equals(run.label()) && r.scenario().equals(run.scenario())).findFirst();
                if (same.isPresent()) {
                    return Optional.of(new LockModel.WithoutDelay(same.get().committedPerSec(), regime.commitMs()));
                }
            }
        }
        return Optional.empty();
    }
}
