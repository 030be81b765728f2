package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.mode.raft.IndexFencedStore.Fence;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that knows its group from its raft data refuses to start against a database another group owns. */
class GroupIdFileTest {

    @Test
    void aNodeOfOneGroupRefusesToStartOnAnotherGroupsDatabase(@TempDir Path raftData) {
        GroupIdFile file = new GroupIdFile(raftData);
        UUID mine = UUID.randomUUID();
        // a fresh member (no file yet) may join whatever group owns the database: its claim or snapshot decides
        assertDoesNotThrow(() -> LedgerRaftNode.refuseAForeignDatabase(file, new Fence(7, UUID.randomUUID())));

        file.write(mine);
        assertEquals(Optional.of(mine), file.read());
        assertDoesNotThrow(() -> LedgerRaftNode.refuseAForeignDatabase(file, new Fence(7, mine)));
        var foreign = assertThrows(IllegalStateException.class,
                () -> LedgerRaftNode.refuseAForeignDatabase(file, new Fence(7, UUID.randomUUID())));
        assertTrue(foreign.getMessage().contains("adopt-database"), foreign.getMessage());
        var replaced = assertThrows(IllegalStateException.class,
                () -> LedgerRaftNode.refuseAForeignDatabase(file, new Fence(0, null)));
        assertTrue(replaced.getMessage().contains("no group"), replaced.getMessage());
    }
}
