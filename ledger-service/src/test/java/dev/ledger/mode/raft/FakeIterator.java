package dev.ledger.mode.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import java.nio.ByteBuffer;
import java.util.List;

/** A JRaft iterator over given entries, as the FSM caller would present committed log entries. */
final class FakeIterator implements Iterator {

    record Item(long index, long term, ByteBuffer data, Closure done) {
    }

    private final List<Item> items;
    private int position;
    Status error;
    long rolledBack;

    FakeIterator(List<Item> items) {
        this.items = items;
    }

    @Override
    public boolean hasNext() {
        return error == null && position < items.size();
    }

    @Override
    public ByteBuffer next() {
        return items.get(position++).data();
    }

    @Override
    public ByteBuffer getData() {
        return items.get(position).data();
    }

    @Override
    public long getIndex() {
        return items.get(position).index();
    }

    @Override
    public long getTerm() {
        return items.get(position).term();
    }

    @Override
    public Closure done() {
        return items.get(position).done();
    }

    @Override
    public void setErrorAndRollback(long ntail, Status status) {
        error = status;
        rolledBack = ntail;
    }

    @Override
    public void setAutoCommitPerLog(boolean status) {
    }

    @Override
    public boolean commit() {
        return false;
    }

    @Override
    public void commitAndSnapshotSync(Closure done) {
    }

    int position() {
        return position;
    }
}
