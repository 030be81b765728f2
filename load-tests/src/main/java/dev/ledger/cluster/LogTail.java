package dev.ledger.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a log file, to show why a process failed without sending the user hunting for it. */
public final class LogTail {

    /** Enough for dozens of long lines; a node log can grow large, and only its end matters. */
    private static final int MAX_TAIL_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** The last {@code lineCount} lines of the file, framed with its path, ready to print. */
    public static String describe(LedgerHome home, Path log, int lineCount) {
        if (!Files.exists(log)) {
            return "(no log at " + home.display(log) + ")";
        }
        try {
            String newline = System.lineSeparator();
            return "---- last " + lineCount + " lines of " + home.display(log) + " ----" + newline
                    + String.join(newline, lastLines(log, lineCount)) + newline
                    + "---- end of " + home.display(log) + " ----";
        } catch (IOException e) {
            return "(cannot read " + home.display(log) + ": " + e.getMessage() + ")";
        }
    }

    static List<String> lastLines(Path log, int lineCount) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - MAX_TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            // Malformed bytes become U+FFFD instead of failing: this is a log, not data.
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().toList();
            // Reading from the middle of the file, the first line is cut: drop it.
            List<String> wholeLines = start > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
            return wholeLines.subList(Math.max(0, wholeLines.size() - lineCount), wholeLines.size());
        }
    }
}
