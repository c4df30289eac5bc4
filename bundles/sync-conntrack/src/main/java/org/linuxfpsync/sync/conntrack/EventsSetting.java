package org.linuxfpsync.sync.conntrack;

/**
 * A vrf's {@code net.netfilter.nf_conntrack_events}, read once its listener is subscribed (the
 * subscription loads nf_conntrack, which creates the sysctl): whether every flow notifies its changes
 * and deletion.
 *
 * @param value the sysctl's value, or -1 when it could not be read ({@code reason} says why)
 */
record EventsSetting(int value, String reason) {
    static final String SYSCTL = "net.netfilter.nf_conntrack_events";

    /** Reads the sysctl of a vrf. */
    @FunctionalInterface
    interface Probe {
        EventsSetting read(org.linuxfpsync.netlink.Vrf vrf);
    }

    static EventsSetting of(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            return v >= 0 && v <= 2 ? new EventsSetting(v, null)
                    : new EventsSetting(-1, SYSCTL + " = " + text.trim() + ", not 0, 1 or 2");
        } catch (NumberFormatException e) {
            return new EventsSetting(-1, SYSCTL + " = '" + text.trim() + "', not a number");
        }
    }

    static EventsSetting unreadable(String why) {
        return new EventsSetting(-1, why);
    }

    /**
     * Whether some flows never notify: 2 (the default since Linux 5.19) gives the event extension only
     * to flows created while a listener exists, so those older than ours report neither change nor
     * deletion; 0 gives it to none; unknown is taken as the worst.
     */
    boolean blind() {
        return value != 1;
    }

    /**
     * 2: the flows created while a listener exists have the event extension, so that only flows
     * older than the listener, all in its first dump, may never notify.
     */
    boolean onlyOlderFlowsSilent() {
        return value == 2;
    }

    /** For the log and show conf: the value and what it means for the fast path. */
    String describe(int refreshSeconds) {
        String refresh = refreshSeconds > 0 ? "kept right by a dump with sweep every " + refreshSeconds + " s"
                : "refreshSeconds = 0: not caught until an overflow or a new FPM session";
        return switch (value) {
            case 1 -> "1: every flow notifies its changes and deletion";
            case 2 -> "2: flows older than the listener notify neither change nor deletion; " + refresh
                    + (refreshSeconds > 0 ? " while any may remain" : "");
            case 0 -> "0: no flow notifies; the fast path follows the flows by dumps only, " + refresh;
            default -> "unknown (" + reason + "); taken as 2: " + refresh;
        };
    }
}
