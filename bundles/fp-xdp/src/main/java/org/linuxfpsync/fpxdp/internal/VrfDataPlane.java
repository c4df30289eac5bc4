package org.linuxfpsync.fpxdp.internal;

import org.linuxfpsync.fpm.FpmInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path of one vrf: its own loaded XDP object and maps (ifindexes are per namespace), the
 * translation that fills them, and the attachments to the vrf's interfaces.
 */
final class VrfDataPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VrfDataPlane.class);

    private final FpXdpSettings settings;
    private final String netns;
    private final BpfObject object;
    private final XdpMaps maps;
    private final VrfForwarding forwarding;
    private final XdpAttacher attacher;
    private long attachFailures;
    /** Interfaces the kernel refused the program on: not tried again at each IF_UPDATE (one WARN each). */
    private final java.util.Set<Integer> refused = new java.util.HashSet<>();

    VrfDataPlane(Native lib, int vrfid, String netns, FpXdpSettings settings) {
        this.settings = settings;
        this.netns = netns;
        this.object = BpfObject.load(lib);
        try {
            this.maps = new XdpMaps(object);
            this.forwarding = new VrfForwarding(vrfid, maps);
            this.attacher = new XdpAttacher(lib, new NetnsRunner(lib, netns), settings.mode(),
                    object.programFd(BpfObject.FORWARDER));
        } catch (RuntimeException e) {
            object.close();
            throw e;
        }
    }

    VrfForwarding forwarding() {
        return forwarding;
    }

    String netns() {
        return netns;
    }

    XdpMode mode() {
        return settings.mode();
    }

    XdpAttacher attacher() {
        return attacher;
    }

    long attachFailures() {
        return attachFailures;
    }

    /** An interface created or changed: translated, and the program attached when configured so. */
    void interfaceChanged(FpmInterface i) {
        forwarding.interfaceChanged(i);
        if (forwarding.slot(i.ifuid()) >= 0 && settings.attachesTo(i.ifname()) && !attacher.isAttached(i.ifindex())
                && !refused.contains(i.ifindex())) {
            try {
                attacher.attach(i.ifindex(), i.ifname());
                LOG.info("fp-xdp: XDP attached to {} (ifindex {}, vrf {})", i.ifname(), i.ifindex(),
                        Integer.toUnsignedString(i.vrfid()));
            } catch (IllegalStateException e) {
                attachFailures++;
                refused.add(i.ifindex());
                LOG.warn(e.getMessage());
            }
        }
    }

    void interfaceDeleted(long ifuid) {
        FpmInterface i = forwarding.iface(ifuid);
        if (i != null) {
            attacher.forget(i.ifindex());
            refused.remove(i.ifindex());
        }
        forwarding.interfaceDeleted(ifuid);
    }

    /** rx packets, rx bytes, tx packets, tx bytes, rx dropped, tx dropped, exceptions, exception bytes; null if not counted. */
    long[] counters(long ifuid) {
        int slot = forwarding.slot(ifuid);
        return slot < 0 ? null : maps.counters(slot);
    }

    @Override
    public void close() {
        attacher.detachAll();
        object.close();
    }
}
