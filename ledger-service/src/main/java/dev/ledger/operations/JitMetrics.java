package dev.ledger.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The JIT compilers' total time ({@code jvm_compilation_time_ms_total}), which Quarkus does not publish by itself:
 * {@code ./ledger compare} warms a node up until its compilers have gone quiet, since until then it measures them.
 */
@Startup
@ApplicationScoped
public class JitMetrics {

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void bind() {
        new JvmCompilationMetrics().bindTo(registry);
    }
}
