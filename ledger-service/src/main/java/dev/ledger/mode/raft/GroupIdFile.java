package dev.ledger.mode.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The id of the raft group a node belongs to, kept with its raft data once it is known: a node checks it against
 * the database's fence before it starts, and refuses to start on a database another group owns.
 */
final class GroupIdFile {

    private final Path file;

    GroupIdFile(Path raftDataDir) {
        this.file = raftDataDir.resolve("group-id");
    }

    Optional<UUID> read() {
        try {
            return Files.exists(file) ? Optional.of(UUID.fromString(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(UUID group) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, group.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
