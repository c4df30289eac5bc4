package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpc.FpcChannel;

/** The {@link ReplayWindow} of each (FPC object family, vrf), created by the first sync that joins it. */
final class ReplayWindows {
    private final FpcChannel fpc;
    private final Map<Long, ReplayWindow> windows = new HashMap<>();

    ReplayWindows(FpcChannel fpc) {
        this.fpc = fpc;
    }

    synchronized ReplayWindow of(int family, int vrfid) {
        return windows.computeIfAbsent(((long) family << 32) | (vrfid & 0xffffffffL),
                k -> new ReplayWindow(family, vrfid, fpc));
    }

    /** Every window of every vrf replays into the new session. */
    void sessionUp() {
        List<ReplayWindow> all;
        synchronized (this) {
            all = new ArrayList<>(windows.values());
        }
        all.forEach(ReplayWindow::sessionUp);
    }
}
