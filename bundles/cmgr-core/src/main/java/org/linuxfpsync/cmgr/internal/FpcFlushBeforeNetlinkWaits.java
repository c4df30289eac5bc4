package org.linuxfpsync.cmgr.internal;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Lets the FPC client write the frames of a netlink reader thread together: every reader thread
 * flushes them before it waits for the kernel, so that the frames a dump chunk or a burst of
 * notifications produced leave in one write (issue #23: one write and one FPM wake-up per frame
 * were most of what a 1,000,000-route startup cost both processes). Frame order is kept: the FPC
 * client holds every thread's frames in one buffer, in send order.
 */
@Component(immediate = true)
public final class FpcFlushBeforeNetlinkWaits {
    private final NetlinkService netlink;
    private final FpcChannel fpc;
    private final Runnable flush;

    @Activate
    public FpcFlushBeforeNetlinkWaits(@Reference NetlinkService netlink, @Reference FpcChannel fpc) {
        this.netlink = netlink;
        this.fpc = fpc;
        this.flush = fpc::flush;
        netlink.addBeforeWaitHook(flush);
        fpc.holdFrames(true);
    }

    @Deactivate
    void deactivate() {
        // Off first: a reader between its last frame and its next wait must not be left holding.
        fpc.holdFrames(false);
        netlink.removeBeforeWaitHook(flush);
    }
}
