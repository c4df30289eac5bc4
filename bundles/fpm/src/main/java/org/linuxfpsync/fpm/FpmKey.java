package org.linuxfpsync.fpm;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The key of an {@link FpmObject}: an immutable list of its key values whose hash is worked out
 * once, when it is made. A table of a million routes hashes and compares keys on every write; this
 * one hashes by a field and compares another key of its kind by that field first. It may be a view
 * of some places of the object's own array of values, so that a key costs no array of its own.
 * Equal to, and hashed as, any {@link List} of the same values.
 */
public final class FpmKey extends AbstractList<Object> implements RandomAccess {
    private final Object[] values;
    /** The places of {@link #values} that are the key, in order; null: every place. */
    private final int[] places;
    private final int hash;

    /** @param values non-null; owned by this key from now on (the caller keeps no reference to it) */
    public FpmKey(Object[] values) {
        this(values, null);
    }

    /**
     * A key of {@code values[places[0]], values[places[1]], ...}.
     *
     * @param values immutable from now on (an {@link FpmFields}' array)
     * @param places null for every place; none of them may hold null
     */
    public FpmKey(Object[] values, int[] places) {
        this.values = values;
        this.places = places;
        int h = 1;
        for (int i = 0, n = size(); i < n; i++) {
            Object v = get(i);
            if (v == null) {
                throw new NullPointerException("key value " + i + " is null");
            }
            h = 31 * h + v.hashCode();
        }
        this.hash = h;
    }

    /** The same values as {@code list}, as a key. */
    public static FpmKey of(List<?> list) {
        return list instanceof FpmKey k ? k : new FpmKey(list.toArray());
    }

    @Override
    public Object get(int index) {
        return places == null ? values[index] : values[places[index]];
    }

    @Override
    public int size() {
        return places == null ? values.length : places.length;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof FpmKey k) {
            if (k.hash != hash || k.size() != size()) {
                return false;
            }
            for (int i = 0, n = size(); i < n; i++) {
                if (!get(i).equals(k.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(o);
    }
}
