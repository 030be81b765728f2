package dev.ledger.mode;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** What a mode with an elected leader tells the rest of the service: who leads, and who is in the group. */
public interface Leadership {

    /** One member of the group and where its HTTP API is. */
    record Member(String id, URI httpUrl) {
    }

    boolean leads();

    /** The current leader, if this node knows one. */
    Optional<Member> leader();

    /** Every member, this node included, in configured order. */
    List<Member> members();
}
