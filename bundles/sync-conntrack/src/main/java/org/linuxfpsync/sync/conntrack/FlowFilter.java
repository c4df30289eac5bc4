package org.linuxfpsync.sync.conntrack;

import java.util.Locale;

import org.linuxfpsync.netlink.codec.Nfnetlink;

/**
 * Which flows are sent to the fast path ({@code flows} and {@code helperFlows} of
 * {@code org.linuxfpsync.sync.conntrack}): all the kernel reports, the confirmed ones only, or the
 * assured ones only; and whether flows with a helper (ftp, sip...) are sent.
 *
 * @param scope       how far a flow must have gone
 * @param helperFlows false: a flow with a helper is left to Linux (its helper reads the payload)
 */
record FlowFilter(Scope scope, boolean helperFlows) {

    /** The default: every flow Linux reports, helpers included (docs/conntrack-sync.md says why). */
    static final FlowFilter DEFAULT = new FlowFilter(Scope.ALL, true);

    /** How far a flow must have gone to be sent. */
    enum Scope {
        /** Every flow the kernel reports. */
        ALL,
        /** Flows with IPS_CONFIRMED: in the kernel's table (a notification is only ever of one). */
        CONFIRMED,
        /** Flows with IPS_ASSURED: traffic seen both ways (TCP established, UDP replied more than once). */
        ASSURED
    }

    /**
     * @param flows {@code all}, {@code confirmed} or {@code assured}, any case
     * @throws IllegalArgumentException one line naming the accepted values
     */
    static FlowFilter parse(String flows, boolean helperFlows) {
        String value = flows == null ? "" : flows.trim().toLowerCase(Locale.ROOT);
        for (Scope s : Scope.values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(value)) {
                return new FlowFilter(s, helperFlows);
            }
        }
        throw new IllegalArgumentException("flows = '" + flows + "' is not one of all, confirmed, assured");
    }

    /** Whether a flow of these {@code IPS_*} bits, with or without a helper, is sent. */
    boolean admits(int status, boolean hasHelper) {
        if (hasHelper && !helperFlows) {
            return false;
        }
        return switch (scope) {
            case ALL -> true;
            case CONFIRMED -> (status & Nfnetlink.IPS_CONFIRMED) != 0;
            case ASSURED -> (status & Nfnetlink.IPS_ASSURED) != 0;
        };
    }

    @Override
    public String toString() {
        return scope.name().toLowerCase(Locale.ROOT) + (helperFlows ? "" : ", without helper flows");
    }
}
