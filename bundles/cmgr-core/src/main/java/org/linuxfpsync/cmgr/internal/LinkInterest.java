package org.linuxfpsync.cmgr.internal;

import java.util.Arrays;

/**
 * The links whose change a route-side sync must hear, as it published them for the links' reader
 * ({@link LinkRelay}): immutable, read from another thread. {@link #ALL} when the sync cannot
 * name them (routes through nexthop objects, a dump by device pending, nothing published yet).
 */
final class LinkInterest {
    static final LinkInterest ALL = new LinkInterest(null);
    static final LinkInterest NONE = new LinkInterest(new int[0]);

    /** Sorted ifindexes; null: every link. */
    private final int[] ifindexes;

    private LinkInterest(int[] ifindexes) {
        this.ifindexes = ifindexes;
    }

    /** The links of {@code ifindexes} ({@code count} first ones, any order, duplicates allowed). */
    static LinkInterest of(int[] ifindexes, int count) {
        if (count == 0) {
            return NONE;
        }
        int[] sorted = Arrays.copyOf(ifindexes, count);
        Arrays.sort(sorted);
        return new LinkInterest(sorted);
    }

    boolean contains(int ifindex) {
        return ifindexes == null || Arrays.binarySearch(ifindexes, ifindex) >= 0;
    }

    @Override
    public String toString() {
        return ifindexes == null ? "every link" : Arrays.toString(ifindexes);
    }

    /** Collects ifindexes without boxing, for {@link #of}. */
    static final class Builder {
        private int[] ifindexes = new int[16];
        private int count;

        void add(int ifindex) {
            if (count == ifindexes.length) {
                ifindexes = Arrays.copyOf(ifindexes, count * 2);
            }
            ifindexes[count++] = ifindex;
        }

        LinkInterest build() {
            return of(ifindexes, count);
        }
    }
}
