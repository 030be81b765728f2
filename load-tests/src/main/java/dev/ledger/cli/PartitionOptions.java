package dev.ledger.cli;

import java.util.List;

/** What {@code ./ledger partition} cuts, and for how long (null: until {@code heal}). */
record PartitionOptions(Kind kind, List<String> nodes, Integer seconds) {

    static final int MAX_SECONDS = 600;
    static final String USAGE = "partition (--isolate-leader | --split N[,N...] | --bridge | --database N)"
            + " [--seconds S]";

    enum Kind { ISOLATE_LEADER, SPLIT, BRIDGE, DATABASE }

    static PartitionOptions parse(List<String> args) throws UsageException {
        Kind kind = null;
        List<String> nodes = List.of();
        Integer seconds = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            Kind chosen = switch (option) {
                case "--isolate-leader" -> Kind.ISOLATE_LEADER;
                case "--split" -> Kind.SPLIT;
                case "--bridge" -> Kind.BRIDGE;
                case "--database" -> Kind.DATABASE;
                default -> null;
            };
            if (chosen != null) {
                if (kind != null) {
                    throw new UsageException("partition takes one kind of cut, not " + kind + " and " + option);
                }
                kind = chosen;
                if (chosen == Kind.SPLIT || chosen == Kind.DATABASE) {
                    nodes = List.of(value(args, ++i, option).split(","));
                }
            } else if (option.equals("--seconds")) {
                seconds = seconds(value(args, ++i, option));
            } else {
                throw new UsageException("unknown option for partition: '" + option + "'");
            }
        }
        if (kind == null) {
            throw new UsageException("usage: ./ledger " + USAGE);
        }
        if (kind == Kind.DATABASE && nodes.size() != 1) {
            throw new UsageException("--database takes one node, not " + nodes);
        }
        return new PartitionOptions(kind, nodes, seconds);
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int seconds(String value) throws UsageException {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 1 && seconds <= MAX_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new UsageException("--seconds needs a whole number from 1 to " + MAX_SECONDS);
    }
}
