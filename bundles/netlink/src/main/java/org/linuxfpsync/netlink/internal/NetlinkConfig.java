package org.linuxfpsync.netlink.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the netlink transport (ConfigAdmin PID {@value NetlinkServiceImpl#PID}). */
@ObjectClassDefinition(id = NetlinkServiceImpl.PID, name = "Netlink transport",
        description = "AF_NETLINK sockets of the cache manager: receive buffers and debug output.")
public @interface NetlinkConfig {

    @AttributeDefinition(name = "Receive buffer",
            description = "Initial receive buffer of every listening socket, in bytes (SO_RCVBUFFORCE). "
                    + "The kernel default (about 208 KiB) loses messages under floods; a bound, not an "
                    + "allocation: the kernel holds only what is queued. A channel whose "
                    + "subscription asks for it (conntrack) starts at the bound instead.")
    int receiveBufferBytes() default 32 * 1024 * 1024;

    @AttributeDefinition(name = "Receive buffer bound",
            description = "Bound of the adaptive growth of a listening socket's receive buffer, in bytes: "
                    + "the buffer doubles on each overflow (ENOBUFS) up to this size (the manual's -l).")
    int receiveBufferMaxBytes() default 64 * 1024 * 1024;

    @AttributeDefinition(name = "Debug mask",
            description = "DEBUG output per message, when the logger allows DEBUG: 0x1 events received, "
                    + "0x2 dump replies, 0x4 hex dump of dropped, truncated or malformed datagrams.")
    int debugMask() default 0;
}
