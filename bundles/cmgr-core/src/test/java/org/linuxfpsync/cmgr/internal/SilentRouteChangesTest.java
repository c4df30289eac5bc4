package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.cmgr.internal.ForwardingLinks.Change.CHANGED;
import static org.linuxfpsync.cmgr.internal.ForwardingLinks.Change.DELETED;
import static org.linuxfpsync.cmgr.internal.ForwardingLinks.Change.NONE;
import static org.linuxfpsync.cmgr.internal.SilentRouteChanges.Reaction.DELETE_THROUGH_DEVICE;
import static org.linuxfpsync.cmgr.internal.SilentRouteChanges.Reaction.DUMP_DEVICES;
import static org.linuxfpsync.cmgr.internal.SilentRouteChanges.Reaction.NOTHING;
import static org.linuxfpsync.cmgr.internal.SilentRouteChanges.Reaction.REFRESH_ALL;
import static org.linuxfpsync.netlink.codec.Rtnetlink.AF_INET;
import static org.linuxfpsync.netlink.codec.Rtnetlink.AF_INET6;

import org.junit.jupiter.api.Test;

/** The kernel's rules for the routes it changes without a notification, as a route sync follows them. */
class SilentRouteChangesTest {

    @Test
    void aLinkNoRouteGoesThroughChangesNothingWhateverHappensToIt() {
        for (ForwardingLinks.Change change : ForwardingLinks.Change.values()) {
            assertThat(SilentRouteChanges.linkEvent(AF_INET, change, 0, false, true)).isEqualTo(NOTHING);
            assertThat(SilentRouteChanges.linkEvent(AF_INET6, change, 0, false, true)).isEqualTo(NOTHING);
        }
        assertThat(SilentRouteChanges.linkEvent(AF_INET, NONE, 5, true, true)).isEqualTo(NOTHING);
    }

    @Test
    void aLinkGoneTookItsRoutesIpv4MultipathOnesWholeIpv6SiblingsOnly() {
        assertThat(SilentRouteChanges.linkEvent(AF_INET, DELETED, 3, false, true)).isEqualTo(DELETE_THROUGH_DEVICE);
        assertThat(SilentRouteChanges.linkEvent(AF_INET, DELETED, 3, true, true)).isEqualTo(DELETE_THROUGH_DEVICE);
        assertThat(SilentRouteChanges.linkEvent(AF_INET6, DELETED, 3, false, true)).isEqualTo(DELETE_THROUGH_DEVICE);
        assertThat(SilentRouteChanges.linkEvent(AF_INET6, DELETED, 3, true, true)).isEqualTo(REFRESH_ALL);
        assertThat(SilentRouteChanges.linkEvent(AF_INET, DELETED, 3, false, false)).as("no dump needed")
                .isEqualTo(DELETE_THROUGH_DEVICE);
    }

    @Test
    void aLinkDownItsCarrierOrMtuChangedIsReadFromTheKernelForThatDevice() {
        assertThat(SilentRouteChanges.linkEvent(AF_INET, CHANGED, 1, false, true)).isEqualTo(DUMP_DEVICES);
        assertThat(SilentRouteChanges.linkEvent(AF_INET6, CHANGED, 1, true, true)).isEqualTo(DUMP_DEVICES);
        assertThat(SilentRouteChanges.linkEvent(AF_INET, CHANGED, 1, false, false)).as("a kernel that does not filter")
                .isEqualTo(REFRESH_ALL);
    }

    @Test
    void anAddressDeletedIsReadFromTheDevicesOfTheRoutesThatDependOnIt() {
        assertThat(SilentRouteChanges.addressDeleted(0, true, 0, true)).isEqualTo(NOTHING);
        assertThat(SilentRouteChanges.addressDeleted(4, true, 0, true)).as("its device's last address: routes flushed")
                .isEqualTo(DUMP_DEVICES);
        assertThat(SilentRouteChanges.addressDeleted(0, true, 2, true)).as("routes with it as source")
                .isEqualTo(DUMP_DEVICES);
        assertThat(SilentRouteChanges.addressDeleted(0, false, 1, true)).as("the source of a nexthop-object route")
                .isEqualTo(REFRESH_ALL);
        assertThat(SilentRouteChanges.addressDeleted(1, true, 0, false)).isEqualTo(REFRESH_ALL);
    }
}
