package org.linuxfpsync.fpxdp.internal;

/**
 * {@code fp_xdp_pass} (a program that passes every frame) attached in native mode to a veth whose
 * peer the fast path redirects to: veth delivers a redirected frame only to a peer running XDP
 * (docs/fp-xdp.md, "veth"). For test and benchmark topologies; a NIC needs nothing of the kind.
 */
public final class VethPeerPass implements AutoCloseable {
    private final BpfObject object;
    private final XdpAttacher attacher;

    private VethPeerPass(BpfObject object, XdpAttacher attacher) {
        this.object = object;
        this.attacher = attacher;
    }

    /** @param netns a name known to {@code ip netns}, "" for ours */
    public static VethPeerPass attach(String netns, String ifname, int ifindex) {
        Native lib = Native.load();
        BpfObject object = BpfObject.load(lib);
        try {
            XdpAttacher a = new XdpAttacher(lib, new NetnsRunner(lib, netns), XdpMode.NATIVE,
                    object.programFd(BpfObject.PASS));
            a.attach(ifindex, ifname);
            return new VethPeerPass(object, a);
        } catch (RuntimeException e) {
            object.close();
            throw e;
        }
    }

    @Override
    public void close() {
        attacher.detachAll();
        object.close();
    }
}
