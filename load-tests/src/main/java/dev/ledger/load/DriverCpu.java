package dev.ledger.load;

import java.lang.management.ManagementFactory;

/** The CPU time this JVM (the driver, in a compare run) has used, to report what the instrument cost. */
final class DriverCpu {

    private DriverCpu() {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
