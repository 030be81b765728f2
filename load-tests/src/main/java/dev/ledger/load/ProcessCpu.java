package dev.ledger.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU that groups of processes used over an interval, from Linux's {@code /proc}: per group (the service nodes,
 * PostgreSQL, the ZooKeeper members, the driver) the time of its processes and of their live descendants, plus what
 * their ended children left in {@code cutime}/{@code cstime} (PostgreSQL's backends), and apart from it the time of
 * the JVMs' JIT compiler threads. CPU per committed transfer is the figure that holds on a shared, noisy machine,
 * where throughput moves 20-40% between runs; the compilers' share is left out of it, as it measures warm-up, not the
 * strategy. A process that exits within the interval loses what it used in it (a failover's killed node).
 */
public final class ProcessCpu {

    /** The group of the load driver's own process: measured apart, never counted in the system under test. */
    public static final String DRIVER = "driver";
    /** The group of the delay relay ({@code --rtt}): an instrument too, measured apart. */
    public static final String RELAY = "relay";
    private static final Path PROC = Path.of("/proc");
    /** Linux's USER_HZ: /proc counts CPU time in ticks of 10 ms on every architecture it supports. */
    private static final long NANOS_PER_TICK = 10_000_000;
    /** HotSpot names its compiler threads "C1 CompilerThread0", "C2 CompilerThread1"; /proc cuts names at 15. */
    private static final String COMPILER_THREAD = "CompilerThre";

    private ProcessCpu() {
    }

    /** Whether a group is part of the instrument (driver, relay) rather than of the system under test. */
    public static boolean isInstrument(String group) {
        return group.equals(DRIVER) || group.equals(RELAY);
    }

    /**
     * A group of processes by their PIDs; {@code withChildren}: their descendants count too, and what their ended
     * children used (PostgreSQL's backends, children of the postmaster). Not for the driver, whose children are the
     * nodes.
     */
    public record Group(String name, List<Long> pids, boolean withChildren) {
    }

    /** One group's CPU over an interval, in nanoseconds: {@code nanos} without the JIT compilers, {@code jitNanos}. */
    public record Used(String group, long nanos, long jitNanos) {
    }

    /** The counters of every group now; empty where there is no /proc. */
    public static Optional<Mark> mark(List<Group> groups) {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return Optional.empty();
        }
        Map<Long, Counters> counters = new LinkedHashMap<>();
        for (Group group : groups) {
            group.pids().forEach(pid -> counters.put(pid, counters(pid, group.withChildren())));
        }
        return Optional.of(new Mark(groups, counters));
    }

    /** The start of an interval. */
    public static final class Mark {

        private final List<Group> groups;
        /** By process: a group's processes are counted one by one, so that one ending takes only its own time. */
        private final Map<Long, Counters> start;

        private Mark(List<Group> groups, Map<Long, Counters> start) {
            this.groups = groups;
            this.start = start;
        }

        /**
         * Each group's CPU from this mark to now, in the order the groups were given. A process that ended meanwhile
         * counts nothing (its counters are gone); the others of its group count as usual.
         */
        public List<Used> since() {
            List<Used> used = new ArrayList<>();
            for (Group group : groups) {
                long total = 0;
                long jit = 0;
                for (long pid : group.pids()) {
                    Counters before = start.get(pid);
                    Counters now = counters(pid, group.withChildren());
                    total += Math.max(0, now.totalTicks() - before.totalTicks());
                    jit += Math.max(0, now.jitTicks() - before.jitTicks());
                }
                used.add(new Used(group.name(), (total - Math.min(total, jit)) * NANOS_PER_TICK,
                        jit * NANOS_PER_TICK));
            }
            return used;
        }
    }

    private record Counters(long totalTicks, long jitTicks) {
    }

    /** One process's counters, and with {@code withChildren} its descendants' and its ended children's. */
    private static Counters counters(long pid, boolean withChildren) {
        long total = stat(pid, withChildren);
        if (withChildren) {
            List<Long> descendants = ProcessHandle.of(pid)
                    .map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
            for (long descendant : descendants) {
                total += stat(descendant, false);
            }
        }
        return new Counters(total, compilerTicks(pid));
    }

    /** utime + stime (and with {@code withEndedChildren}, cutime + cstime) in ticks; 0 if it is gone. */
    private static long stat(long pid, boolean withEndedChildren) {
        return ticks(PROC.resolve(Long.toString(pid)).resolve("stat"), withEndedChildren);
    }

    private static long compilerTicks(long pid) {
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat = read(thread.resolve("stat"));
                if (stat != null && name(stat).contains(COMPILER_THREAD)) {
                    ticks += ticks(stat, false);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended: it has no threads to count.
        }
        return ticks;
    }

    private static long ticks(Path stat, boolean withEndedChildren) {
        String line = read(stat);
        return line == null ? 0 : ticks(line, withEndedChildren);
    }

    /**
     * Fields after the name, which is in parentheses and may hold spaces: state is the 3rd field of the line, utime
     * the 14th, stime the 15th, cutime the 16th and cstime the 17th.
     */
    static long ticks(String stat, boolean withEndedChildren) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withEndedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
