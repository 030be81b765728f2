package dev.ledger.contract;

/** Bounds of the fault hooks, the same for the service's /admin endpoints and the launcher's commands. */
public final class FaultLimits {

    /** The longest freeze pause-leader takes, in seconds. */
    public static final int PAUSE_MAX_SECONDS = 60;

    private FaultLimits() {
    }
}
