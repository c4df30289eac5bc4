package org.linuxfpsync.fpm;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of an {@link FpmObject} as the FPM stores them: an immutable map, in its table's TLV
 * order, over one array of values per object and the names its table's objects share. A table of a
 * million routes then costs an array per route, not a hash map (docs/performance.md).
 */
public final class FpmFields extends AbstractMap<String, Object> {

    /** The field names of a TLV list, in order, shared by every object decoded with it. */
    public static final class Names {
        private final String[] names;
        private final Map<String, Integer> positions = new HashMap<>();

        public Names(List<String> names) {
            this.names = names.toArray(new String[0]);
            for (int i = 0; i < this.names.length; i++) {
                if (positions.put(this.names[i], i) != null) {
                    throw new IllegalArgumentException("field " + this.names[i] + " named twice");
                }
            }
        }

        public int size() {
            return names.length;
        }

        /** The position of {@code name}, or -1. */
        public int position(Object name) {
            Integer p = positions.get(name);
            return p == null ? -1 : p;
        }
    }

    private final Names names;
    private final Object[] values;
    private final int size;

    /**
     * @param values one per name, null for an absent field; never changed from now on (the caller keeps
     *               no reference to it but the object's {@link FpmKey}, which reads it)
     */
    public FpmFields(Names names, Object[] values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(values.length + " values for " + names.size() + " names");
        }
        this.names = names;
        this.values = values;
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                n++;
            }
        }
        this.size = n;
    }

    /** Whether this map holds exactly {@code others}, position by position (for a decoder that reuses it). */
    public boolean sameValues(Object[] others) {
        return java.util.Arrays.equals(values, others);
    }

    @Override
    public Object get(Object name) {
        int p = names.position(name);
        return p < 0 ? null : values[p];
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int p = from;
                        while (p < values.length && values[p] == null) {
                            p++;
                        }
                        return p;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>(names.names[next], values[next]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
