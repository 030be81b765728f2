package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JitActivityTest {

    @Test
    void readsTheCompilationTimeFromPrometheusText() {
        String metrics = """
                # HELP jvm_compilation_time_ms_total The approximate accumulated elapsed time spent in compilation
                # TYPE jvm_compilation_time_ms_total counter
                jvm_compilation_time_ms_total{compiler="HotSpot 64-Bit Tiered Compilers"} 61234.0
                jvm_info_total{runtime="OpenJDK"} 1.0
                """;
        assertEquals(OptionalLong.of(61234), JitActivity.parse(metrics));
    }

    @Test
    void aNodeWithoutTheMetricDoesNotTell() {
        assertEquals(OptionalLong.empty(), JitActivity.parse("jvm_info_total{runtime=\"OpenJDK\"} 1.0\n"));
    }
}
