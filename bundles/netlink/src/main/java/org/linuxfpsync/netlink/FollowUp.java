package org.linuxfpsync.netlink;

/**
 * A request a subscriber asks for once its spec's dumps have completed, whose answers belong to the
 * same dump ({@link NetlinkListener#followUps}): another dump that depends on what the first ones
 * reported ({@link DumpRequest}: an nftables set's elements), or one acknowledged request for state
 * the kernel gives per object only ({@link NetlinkRequest}: an SA's XFRM_MSG_GETAE).
 */
public sealed interface FollowUp permits DumpRequest, NetlinkRequest {
}
