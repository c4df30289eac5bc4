package org.linuxfpsync.netlink.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/** Records what a subscription delivers, decoding link messages on the reader thread as a feature would. */
class RecordingListener implements NetlinkListener {
    /** One callback, as seen by the listener. */
    record Event(String kind, boolean fromDump, int type, String ifname, int mtu, String linkKind, ResyncReason reason,
                 boolean complete) {
        boolean isLink(int messageType, String name, boolean dump) {
            return kind.equals("message") && type == messageType && name.equals(ifname) && fromDump == dump;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "started" -> "dumpStarted(" + reason + ")";
                case "finished" -> "dumpFinished(" + complete + ")";
                default -> (fromDump ? "dump " : "event ") + type + " " + ifname + " mtu " + mtu + " " + linkKind;
            };
        }
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final LinkMessage link = new LinkMessage();

    @Override
    public void dumpStarted(ResyncReason reason) {
        events.add(new Event("started", true, 0, null, 0, null, reason, false));
    }

    @Override
    public void message(NlMsg message, boolean fromDump) {
        int type = message.type();
        if (type == Rtnetlink.RTM_NEWLINK || type == Rtnetlink.RTM_DELLINK) {
            try {
                link.wrap(message);
            } catch (NetlinkFormatException e) {
                throw new AssertionError(e);
            }
            events.add(new Event("message", fromDump, type, link.ifname(), link.mtu(), link.kind(), null, false));
        } else {
            events.add(new Event("message", fromDump, type, null, 0, null, null, false));
        }
    }

    @Override
    public void dumpFinished(boolean complete) {
        events.add(new Event("finished", true, 0, null, 0, null, null, complete));
    }

    boolean saw(Predicate<Event> what) {
        return events.stream().anyMatch(what);
    }

    long count(Predicate<Event> what) {
        return events.stream().filter(what).count();
    }
}
