package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.alipay.sofa.jraft.util.JRaftServiceLoader;
import com.alipay.sofa.jraft.util.timer.DefaultTimer;
import com.alipay.sofa.jraft.util.timer.RaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.Timer;
import org.junit.jupiter.api.Test;

class OnDemandRaftTimersTest {

    /** SOFAJRaft's nodes take the first factory its service loader finds by priority: it must be this one. */
    @Test
    void sofaJRaftLoadsTheseTimersInsteadOfItsMillisecondWheels() {
        RaftTimerFactory factory = JRaftServiceLoader.load(RaftTimerFactory.class).first();

        assertInstanceOf(OnDemandRaftTimers.class, factory);
        Timer election = factory.getElectionTimer(false, "test-election-timer");
        try {
            assertInstanceOf(DefaultTimer.class, election);
        } finally {
            election.stop();
        }
    }
}
