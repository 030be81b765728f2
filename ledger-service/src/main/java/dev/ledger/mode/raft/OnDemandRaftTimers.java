package dev.ledger.mode.raft;

import com.alipay.sofa.jraft.util.SPI;
import com.alipay.sofa.jraft.util.timer.DefaultRaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.DefaultTimer;
import com.alipay.sofa.jraft.util.timer.Timer;

/**
 * SOFAJRaft's election, vote, step-down and snapshot timers, each on a scheduled executor that wakes only when a
 * timeout is due. The default gives each a hashed wheel that ticks every millisecond: four threads waking 1,000
 * times a second per node, measured at a quarter of a core for an idle 3-node cluster on a 2-core machine, which
 * the strategies then lack. The timers fire every few hundred milliseconds, so a wheel buys nothing here.
 * Loaded by SOFAJRaft's service loader (META-INF/services), ahead of its default by priority.
 */
@SPI(priority = 1)
public class OnDemandRaftTimers extends DefaultRaftTimerFactory {

    @Override
    public Timer createTimer(String name) {
        return new DefaultTimer(1, name);
    }
}
