package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.List;

/** Test help: a route-side sync that publishes {@link #interest} and records what it is told ({@link LinkRelay}). */
final class RecordingDependent implements LinkRelay.Dependent {
    LinkInterest interest = LinkInterest.NONE;
    final List<String> told = new ArrayList<>();

    @Override
    public LinkInterest interest() {
        return interest;
    }

    @Override
    public void linkChanged(ForwardingLinks.Change change, int ifindex) {
        told.add(change + " " + ifindex);
    }

    @Override
    public void linkEventsLost() {
        told.add("LOST");
    }
}
