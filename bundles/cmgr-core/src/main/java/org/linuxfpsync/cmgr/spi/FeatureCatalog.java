package org.linuxfpsync.cmgr.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The manual's sync-mask table: each row's name (as {@code show sync-features} prints it), flag,
 * {@code --disable-sync-<option>} name, and the row it depends on. Disabling a row disables what
 * depends on it ("--disable-sync-ipsec ... including Linux VTI"; "--disable-sync-netfilter ...
 * including NAT and conntrack").
 */
public final class FeatureCatalog {

    /** One row of the table. */
    public static final class Row {
        public final String name;
        public final long bit;
        public final String option;
        public final String parent;
        public final String manualLabel;

        Row(String name, long bit, String option, String parent, String manualLabel) {
            this.name = name;
            this.bit = bit;
            this.option = option;
            this.parent = parent;
            this.manualLabel = manualLabel;
        }
    }

    /** In the order of the manual's {@code show sync-features}; the rows it does not list come last. */
    public static final List<Row> ROWS = List.of(
            new Row("vxlan", 0x00000001L, "vxlan", null, "VXLAN"),
            new Row("bridge", 0x00000002L, "bridge", null, "bridge"),
            new Row("gre", 0x00000040L, "gre", null, "GRE/GREtap"),
            new Row("vlan", 0x00000004L, "vlan", null, "VLAN"),
            new Row("macvlan", 0x00000008L, "macvlan", null, "MACVLAN"),
            new Row("lag", 0x00000010L, "lag", null, "LAG"),
            new Row("ebtables", 0x00000020L, "ebtables", null, "ebtables"),
            new Row("tunnel", 0x00000080L, "tunnel", null, "tunnel"),
            new Row("ipsec", 0x00000100L, "ipsec", null, "IPsec"),
            new Row("svti", 0x00000200L, "svti", "ipsec", "SVTI"),
            new Row("netfilter", 0x00000400L, "netfilter", null, "filter/audit"),
            new Row("conntrack", 0x00000800L, "conntrack", "netfilter", "conntrack"),
            new Row("nat", 0x00001000L, "nat", "netfilter", "NAT"),
            new Row("bpf", 0x00002000L, "bpf", null, "BPF (tap)"),
            new Row("tap-pattern", 0x00004000L, null, "bpf", "tap pattern only"),
            new Row("multicast", 0x00008000L, "mcast", null, "multicast routes"),
            new Row("ipv6", 0x00010000L, "ipv6", null, "IPv6"));

    /**
     * IPsec HA (the manual's {@code -R}, "Configuring HA IPsec dynamically"): not a flag of the
     * mask but a bundle of its own, toggled live, which needs ipsec.
     */
    public static final Row IPSEC_HA = new Row("ipsec-ha", 0L, null, "ipsec", "IPsec HA (replay)");

    /**
     * What "tap pattern only" (0x4000) does, which the manual leaves unsaid: this product's choice,
     * said by {@code show sync-features} and {@code -o} (docs/bpf-sync.md).
     */
    public static final String TAP_PATTERN_MEANING = "bpf sends its taps without their filter program: the fast path"
            + " copies every packet of a captured interface to Linux, whose socket filter selects what the capture sees";

    /** A sentence saying what a row does where its label does not, or null. */
    public static String meaning(String name) {
        return "tap-pattern".equals(name) ? TAP_PATTERN_MEANING : null;
    }

    /** Every flag of the table. */
    public static final long ALL = ROWS.stream().mapToLong(r -> r.bit).reduce(0, (a, b) -> a | b);

    /**
     * The default mask, 0x1bfff: the manual's "synchronize all features supported by the fast path",
     * which tap pattern only (0x4000) is not: it is a restriction of bpf (its taps without their
     * program), asked for with {@code -S} or {@code sync enable tap-pattern} (docs/decisions.md).
     */
    public static final long DEFAULT = ALL & ~0x00004000L;

    private FeatureCatalog() {
    }

    /** The row of a name or of a {@code --disable-sync-} option name, case-insensitive; null if none. */
    public static Row row(String nameOrOption) {
        String key = nameOrOption.toLowerCase(Locale.ROOT);
        for (Row r : ROWS) {
            if (r.name.equals(key) || key.equals(r.option)) {
                return r;
            }
        }
        return null;
    }

    public static Row row(long bit) {
        for (Row r : ROWS) {
            if (r.bit == bit) {
                return r;
            }
        }
        return null;
    }

    /** The names, in table order, for completion and error messages. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        ROWS.forEach(r -> names.add(r.name));
        return names;
    }

    /**
     * Parses a mask as the manual's {@code -S} takes it: {@code 0x1ffff}, or decimal.
     *
     * @throws IllegalArgumentException one line naming the bad text or the unknown bits
     */
    public static long parseMask(String text) {
        String s = text == null ? "" : text.trim();
        long mask;
        try {
            mask = s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sync mask '" + text + "' is not a number (expected e.g. 0x1ffff)");
        }
        if (mask < 0 || (mask & ~ALL) != 0) {
            throw new IllegalArgumentException(String.format("sync mask 0x%x has unknown bits 0x%x (known: 0x%x)",
                    mask, mask & ~ALL, ALL));
        }
        return mask;
    }

    /** Removes the rows whose parent is not in the mask: svti without ipsec is not synchronized. */
    public static long closeUnderParents(long mask) {
        long result = mask;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Row r : ROWS) {
                if ((result & r.bit) != 0 && r.parent != null && (result & row(r.parent).bit) == 0) {
                    result &= ~r.bit;
                    changed = true;
                }
            }
        }
        return result;
    }
}
