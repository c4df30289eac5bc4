package org.linuxfpsync.featuresync;

/**
 * A kernel object that is well formed but cannot be described to the FPM (its lower device is in a
 * namespace no followed vrf is): it is not synced, withdrawn if it was, and counted under its reason
 * ({@link FeatureComponent#refused()}). Never an object with a wrong ifuid.
 */
public final class ObjectRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** IFLA_LINK_NETNSID names a namespace that no followed vrf is. */
    public static final String LOWER_IN_UNFOLLOWED_NAMESPACE = "lower device in a namespace not followed";

    private final String reason;

    /**
     * @param reason what is counted: a constant, so that the counts group ({@link #LOWER_IN_UNFOLLOWED_NAMESPACE})
     * @param detail the object and the value, for the log line
     */
    public ObjectRefused(String reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
