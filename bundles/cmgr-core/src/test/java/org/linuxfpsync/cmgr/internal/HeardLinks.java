package org.linuxfpsync.cmgr.internal;

import java.util.HashMap;
import java.util.Map;

import org.linuxfpsync.netlink.codec.NlMsg;

/** Test help: link messages as the links' reader relays them ({@link LinkRelay}), each sync with the states it heard. */
final class HeardLinks {
    private final Map<LinkRelay.Dependent, ForwardingLinks> bySync = new HashMap<>();

    /** The change {@code link} makes, if any, told to {@code sync}. */
    void heard(LinkRelay.Dependent sync, NlMsg link) throws Exception {
        ForwardingLinks links = bySync.computeIfAbsent(sync, s -> new ForwardingLinks());
        ForwardingLinks.Change change = links.change(link);
        if (change != ForwardingLinks.Change.NONE) {
            sync.linkChanged(change, links.ifindex());
        }
    }
}
