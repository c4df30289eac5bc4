package org.linuxfpsync.fpc.codec;

/**
 * The content of GR_BEGIN and GR_END: one object family in one vrf is being replayed.
 *
 * @param family object family ({@link InterfaceAttr#FAMILY_INTERFACES}, ...)
 * @param vrfid  the vrf replayed (32 bits)
 */
public record FpcGrMarker(int family, int vrfid) {
}
