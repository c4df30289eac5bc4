package org.linuxfpsync.sync.conntrack;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ConntrackFeature.PID, name = "linux-fp-sync conntrack sync",
        description = "Which conntrack flows reach the fast path, and how flows the kernel does not notify are caught.")
@interface ConntrackConfig {

    @AttributeDefinition(description = "Flows sent: all (every flow Linux reports), confirmed (in the kernel's table), "
            + "assured (traffic seen both ways). Default all: a fast path that filters statefully needs every flow "
            + "Linux accepted, a one-way or half-open one included (docs/conntrack-sync.md).")
    String flows() default "all";

    @AttributeDefinition(description = "false: flows with a conntrack helper (ftp, sip...) are not sent, so their "
            + "packets reach Linux, whose helper reads the payload.")
    boolean helperFlows() default true;

    @AttributeDefinition(description = "Seconds between two dumps with sweep of the flow table of a vrf whose "
            + "net.netfilter.nf_conntrack_events is not 1 (flows older than the listener report no deletion); "
            + "0: never (their deletion is then missed until an overflow or a new FPM session).")
    int refreshSeconds() default 30;

    @AttributeDefinition(description = "The largest receive buffer of the conntrack channel of each vrf, in bytes "
            + "(the kernel reports twice as much), from the start: the service's receiveBufferMaxBytes for this "
            + "channel only. Flows come at the rate of traffic; a larger buffer rides out a longer burst. Kernel "
            + "memory is used only by queued events. 4096 to 1073741823; applies to channels opened afterwards.")
    int receiveBufferMaxBytes() default ConntrackFeature.DEFAULT_RECEIVE_BUFFER_MAX_BYTES;
}
