package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MetricsTextTest {

    private static final String COMPILATION = "jvm_compilation_time_ms_total";

    @Test
    void readsASeriesWithLabelsFromPrometheusText() {
        String metrics = """
                # HELP jvm_compilation_time_ms_total The approximate accumulated elapsed time spent in compilation
                # TYPE jvm_compilation_time_ms_total counter
                jvm_compilation_time_ms_total{compiler="HotSpot 64-Bit Tiered Compilers"} 61234.0
                jvm_info_total{runtime="OpenJDK"} 1.0
                """;
        assertEquals(OptionalLong.of(61234), MetricsText.value(metrics, COMPILATION));
    }

    @Test
    void readsASeriesWithoutLabelsAndNotOneThatOnlyStartsWithItsName() {
        String metrics = """
                ledger_zookeeper_refused_unwritten_total_other 9.0
                ledger_zookeeper_refused_unwritten_total 3.0
                """;
        assertEquals(OptionalLong.of(3), MetricsText.value(metrics, "ledger_zookeeper_refused_unwritten_total"));
    }

    @Test
    void aNodeWithoutTheSeriesDoesNotTell() {
        assertEquals(OptionalLong.empty(), MetricsText.value("jvm_info_total{runtime=\"OpenJDK\"} 1.0\n", COMPILATION));
    }
}
