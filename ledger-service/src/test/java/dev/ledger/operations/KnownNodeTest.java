package dev.ledger.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownNodeTest {

    @Test
    void parsesIdsAndUrlsInOrder() {
        assertEquals(List.of(new KnownNode("n1", URI.create("http://127.0.0.1:8081")),
                        new KnownNode("n2", URI.create("https://ledger-2.example:443/"))),
                KnownNode.parseAll(" n1@http://127.0.0.1:8081 ,, n2@https://ledger-2.example:443/"));
    }

    @Test
    void resolvesAPathWithOrWithoutATrailingSlash() {
        URI expected = URI.create("http://h:1/dashboard/node");
        assertEquals(expected, KnownNode.parse("a@http://h:1/").resolve("/dashboard/node"));
        assertEquals(expected, KnownNode.parse("a@http://h:1").resolve("/dashboard/node"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"n1", "@http://h:1", "n1@", "n1@h:1", "n1@ftp://h/", "n1@http://", "n1@http://h:1 x"})
    void refusesAnEntryThatIsNotIdAtHttpUrl(String spec) {
        var failure = assertThrows(IllegalArgumentException.class, () -> KnownNode.parseAll(spec));
        assertTrue(failure.getMessage().contains("is not id@httpUrl"), failure.getMessage());
    }

    @Test
    void refusesADuplicateId() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> KnownNode.parseAll("n1@http://h:1,n1@http://h:2"));
        assertTrue(failure.getMessage().contains("n1 twice"), failure.getMessage());
    }
}
