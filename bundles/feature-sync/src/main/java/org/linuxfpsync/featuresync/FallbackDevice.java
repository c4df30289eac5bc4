package org.linuxfpsync.featuresync;

/**
 * A tunnel kind's fallback device ({@code gre0}, {@code gretap0}, {@code erspan0}, {@code ip6gre0},
 * {@code tunl0}, {@code sit0}, {@code ip6tnl0}, {@code ip_vti0}, {@code ip6_vti0}), made in every
 * namespace when the kind's module loads: the device that receives what no other tunnel of its kind
 * matches. It is recognised by what makes it that device, not by its name (which {@code ip link set
 * name} changes): wildcard local and remote, no key, no lower device, not flow-based. The kernel
 * refuses a second tunnel with those parameters in a namespace ({@code ip_tunnel_find}: EEXIST), so
 * at most one device of a kind has them, and a wildcard tunnel a user made where the fallback device
 * is absent ({@code net.core.fb_tunnels_only_for_init_net}) receives the same packets: it is the
 * catch-all device of its namespace all the same. The translator returns
 * {@link LinkKindObjects.Written#FALLBACK_DEVICE}; docs/decisions.md says what is sent.
 */
public final class FallbackDevice {
    private FallbackDevice() {
    }

    /**
     * @param local           the local address, null when absent (any)
     * @param remote          the remote address, null when absent (any)
     * @param keyed           a key (GRE_KEY in the input or output flags, a vti's i/o key) is set
     * @param lowerIfindex    the tunnel's own lower-device attribute, 0 when none
     * @param collectMetadata {@code external}: a flow-based device, which is never the fallback one
     */
    public static boolean matches(byte[] local, byte[] remote, boolean keyed, int lowerIfindex,
                                  boolean collectMetadata) {
        return isAny(local) && isAny(remote) && !keyed && lowerIfindex == 0 && !collectMetadata;
    }

    /** Absent or all zeros: the wildcard address (0.0.0.0, ::). */
    public static boolean isAny(byte[] address) {
        if (address == null) {
            return true;
        }
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
