package org.linuxfpsync.cmgr.internal;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.Vrf;

/**
 * A sync on the vrf's routes channel whose objects the kernel changes silently when a link changes
 * (routes, nexthop objects): the links' reader tells it ({@link LinkRelay}), and it publishes, each
 * time its reader is about to wait ({@code caughtUp}), the links its objects go through.
 */
abstract class LinkDependentSync extends L3ObjectSync implements LinkRelay.Dependent {
    /** Asks for a refresh of this sync (its subscription's resync, REFRESH). */
    final Runnable redump;
    /** The links whose change matters here, read by the links' reader; every link until published. */
    private volatile LinkInterest interest = LinkInterest.ALL;

    LinkDependentSync(L3ObjectKind kind, Vrf vrf, int addressFamily, FpcChannel fpc, int keyWords, Runnable redump) {
        super(kind, vrf, addressFamily, fpc, keyWords);
        this.redump = redump;
    }

    @Override
    public final LinkInterest interest() {
        return interest;
    }

    /** Reader thread, in {@code caughtUp}: what the links' reader reads while this one waits. */
    final void publish(LinkInterest now) {
        interest = now;
    }

    /** Links were made and deleted unheard: a refresh says what the kernel took with them. */
    @Override
    public final void linkEventsLost() {
        if (keys.size() > 0) {
            redump.run();
        }
    }
}
