package org.linuxfpsync.fpm.internal;

import java.util.List;
import java.util.function.Predicate;

import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpm.FpmObject;

/**
 * One object family's table in {@link FpmTables}, with the graceful-restart marks of
 * docs/fpc-protocol.md §6: {@link #beginReplay} marks a vrf's rows stale, writing a row clears its
 * mark, {@link #endReplay} deletes those still marked. Written by one session thread at a time;
 * readers (dump, console) may read meanwhile.
 */
interface ObjectTable {
    /** Creates or replaces (and so refreshes) the row of {@code o}'s key; {@code frame} is the frame it was decoded from. */
    void put(FpmObject o, FrameReader frame);

    /** The object of {@code key}, or null. */
    FpmObject get(List<Object> key);

    /** Replaces a known row (an amendment); false when its key is unknown. */
    boolean update(FpmObject o);

    /** False when the key was unknown. */
    boolean remove(List<Object> key);

    void beginReplay(int vrfid);

    /** Deletes the rows of the vrf the replay did not refresh: how many, or -1 when no replay of it was in progress. */
    int endReplay(int vrfid);

    /** Deletes every row of the vrf: how many. */
    int flush(int vrfid);

    /** Deletes the rows whose object matches. */
    void removeValues(Predicate<FpmObject> which);

    /** A snapshot of the rows, in no order, each with its stale mark. */
    List<ReplayTable.Row<FpmObject>> rows();

    int size();

    /** A table of objects on the heap: what every family but the routes uses. */
    static ObjectTable onHeap() {
        ReplayTable<List<Object>, FpmObject> table = new ReplayTable<>(FpmObject::vrfid);
        return new ObjectTable() {
            @Override
            public void put(FpmObject o, FrameReader frame) {
                table.put(o.key(), o);
            }

            @Override
            public FpmObject get(List<Object> key) {
                return table.get(key);
            }

            @Override
            public boolean update(FpmObject o) {
                return table.update(o.key(), o);
            }

            @Override
            public boolean remove(List<Object> key) {
                return table.remove(key) != null;
            }

            @Override
            public void beginReplay(int vrfid) {
                table.beginReplay(vrfid);
            }

            @Override
            public int endReplay(int vrfid) {
                List<FpmObject> swept = table.endReplay(vrfid);
                return swept == null ? -1 : swept.size();
            }

            @Override
            public int flush(int vrfid) {
                return table.flush(vrfid).size();
            }

            @Override
            public void removeValues(Predicate<FpmObject> which) {
                table.removeValues(which);
            }

            @Override
            public List<ReplayTable.Row<FpmObject>> rows() {
                return table.rows();
            }

            @Override
            public int size() {
                return table.size();
            }
        };
    }
}
