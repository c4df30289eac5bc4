package org.linuxfpsync.fpm;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The key of an {@link FpmObject}: an immutable list of its key values whose hash is worked out
 * once, when it is made. A table of a million routes hashes and compares keys on every write; this
 * one hashes by a field and compares another key of its kind by that field first. Equal to, and
 * hashed as, any {@link List} of the same values.
 */
public final class FpmKey extends AbstractList<Object> implements RandomAccess {
    private final Object[] values;
    private final int hash;

    /** @param values non-null; owned by this key from now on (the caller keeps no reference to it) */
    public FpmKey(Object[] values) {
        int h = 1;
        for (Object v : values) {
            if (v == null) {
                throw new NullPointerException("a key value is null");
            }
            h = 31 * h + v.hashCode();
        }
        this.values = values;
        this.hash = h;
    }

    /** The same values as {@code list}, as a key. */
    public static FpmKey of(List<?> list) {
        return list instanceof FpmKey k ? k : new FpmKey(list.toArray());
    }

    @Override
    public Object get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof FpmKey k) {
            return k.hash == hash && Arrays.equals(k.values, values);
        }
        return super.equals(o);
    }
}
