package dev.ledger.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directories that the launcher owns outright, and may therefore empty without asking. */
public final class Directories {

    private Directories() {
    }

    /** Deletes the directory and everything in it; nothing to do if it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The directory, empty, whatever an earlier (perhaps killed) run left in it. */
    public static void recreateEmpty(Path dir) throws IOException {
        deleteRecursively(dir);
        Files.createDirectories(dir);
    }
}
