package org.linuxfpsync.featuresync;

import java.util.List;
import java.util.function.Supplier;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.TlvForm;
import org.linuxfpsync.fpc.codec.TlvSpec;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * One FPC object per link of a kind (VXLAN parameters of a vxlan device, MACVLAN parameters of a
 * macvlan...), in a family keyed by VRFID (TLV 1) and IFUID (TLV 2), as every such family of FPC is.
 * Every RTM_NEWLINK of a link of the kind sends its full state (nothing when unchanged); a link that
 * goes is forgotten without a DEL, since the FPM deleted its objects with the interface (the core's
 * IF_DELETE came first, on the same thread).
 */
public final class LinkKindObjects implements MessageHandler {
    /** What the feature reads of a link. */
    public interface Translator {
        /** Whether the link is of the feature's kind ({@code link.kindEquals("macvlan")}). */
        boolean owns(LinkMessage link);

        /**
         * Writes the object's TLVs after VRFID and IFUID, which are written already.
         *
         * @param lower resolves the link's lower device to its vrf and ifuid ({@link LowerDevice#write})
         * @return what the link is: a device, or its kind's fallback device ({@link FallbackDevice}),
         *         to which the family's FALLBACK TLV is added
         * @throws NetlinkFormatException when the link's attributes are not as the uapi headers say
         * @throws ObjectRefused          when the link cannot be described (its lower device is in a
         *                                namespace not followed): not synced, deleted if it was, counted
         */
        Written write(LinkMessage link, FrameWriter w, LowerDevice lower) throws NetlinkFormatException, ObjectRefused;
    }

    /** What a translator wrote. */
    public enum Written {
        /** The object of a device. */
        DEVICE,
        /**
         * The object of its kind's fallback device ({@link FallbackDevice}): the family's TLV named
         * {@code FALLBACK} (u8 1) is added, so that a fast path knows it for the catch-all receive
         * device of its namespace; docs/decisions.md.
         */
        FALLBACK_DEVICE
    }

    /**
     * The name of the u8 TLV, in a family that has fallback devices, set to 1 on their objects: the
     * family's last TLV, written after the translator's.
     */
    public static final String FALLBACK_TLV = "FALLBACK";

    private static final int VRFID = 1;
    private static final int IFUID = 2;

    private final Vrf vrf;
    private final FamilyObjects<Integer> objects;
    private final Translator translator;
    private final LowerDevice lower;
    private final int fallbackTlv;
    private final LinkMessage link = new LinkMessage();

    /** @param core resolves lower devices in other namespaces ({@link LowerDevice}) */
    public LinkKindObjects(Vrf vrf, SyncCore core, FamilyObjects<Integer> objects, Translator translator) {
        this.vrf = vrf;
        this.objects = objects;
        this.translator = translator;
        this.lower = new LowerDevice(vrf, core);
        this.fallbackTlv = fallbackTlv(objects.familyCode());
    }

    /**
     * The family's FALLBACK TLV, 0 when it has none. It must be a u8 and the family's last TLV: it is
     * written after the translator's, and senders write TLVs in increasing type order.
     */
    private static int fallbackTlv(int familyCode) {
        List<TlvSpec> tlvs = FpcSchema.family(familyCode).tlvs().tlvs();
        for (TlvSpec t : tlvs) {
            if (t.name().equals(FALLBACK_TLV)) {
                int highest = tlvs.stream().mapToInt(TlvSpec::type).max().orElse(0);
                if (t.form() != TlvForm.U8 || t.type() != highest) {
                    throw new IllegalArgumentException("FPC family " + familyCode + ": " + FALLBACK_TLV
                            + " must be a u8 and its last TLV (" + highest + "), not " + t.form() + " " + t.type());
                }
                return t.type();
            }
        }
        return 0;
    }

    /**
     * The sync of a feature that is one object per link of a kind (macvlan, vlan): a subscription to
     * the links of the vrf, the family's cache, this handler.
     *
     * @param translator a new translator for each vrf (each sync has its reader thread)
     */
    public static VrfSyncs.Starter starter(int familyCode, Supplier<Translator> translator, SyncCore core,
                                           NetlinkService netlink, FpcChannel fpc) {
        return (feature, vrf) -> {
            FamilyObjects<Integer> objects = objectsOf(familyCode, vrf, fpc);
            return new ObjectSync(feature, vrf, RouteSubscription.in(vrf).links().spec(),
                    new LinkKindObjects(vrf, core, objects, translator.get()), List.of(objects)).start(netlink, core);
        };
    }

    /** The cache of a family keyed by (VRFID, IFUID): its objects by ifindex. */
    public static FamilyObjects<Integer> objectsOf(int familyCode, Vrf vrf, FpcChannel fpc) {
        List<TlvSpec> key = FpcSchema.family(familyCode).tlvs().tlvs().stream().filter(t -> t.use().isKey()).toList();
        if (key.size() != 2 || key.get(0).type() != VRFID || key.get(0).form() != TlvForm.U32
                || key.get(1).type() != IFUID || key.get(1).form() != TlvForm.U64) {
            throw new IllegalArgumentException("FPC family " + familyCode + " is not keyed by VRFID and IFUID: " + key);
        }
        int vrfid = vrf.vrfid();
        return new FamilyObjects<>(familyCode, (w, ifindex) -> w.putU32(VRFID, vrfid).putU64(IFUID,
                Ifuid.of(vrfid, ifindex)), fpc);
    }

    /** Whether the link of {@code ifindex} is of the kind and synced. */
    public boolean has(int ifindex) {
        return objects.contains(ifindex);
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException, ObjectRefused {
        // AF_BRIDGE link messages are the bridge's view of a port, not the device.
        if (!MessageHandler.linkOf(Rtnetlink.AF_UNSPEC, message, link)) {
            return;
        }
        int ifindex = link.ifindex();
        if (message.type() == Rtnetlink.RTM_DELLINK) {
            objects.forgetKey(ifindex);
            return;
        }
        if (!translator.owns(link)) {
            // a link's kind is fixed at its creation: this one never was the feature's
            return;
        }
        int vrfid = vrf.vrfid();
        FrameWriter w = objects.beginAdd().putU32(VRFID, vrfid).putU64(IFUID, Ifuid.of(vrfid, ifindex));
        Written written;
        try {
            written = translator.write(link, w, lower);
        } catch (NetlinkFormatException | ObjectRefused e) {
            if (e instanceof ObjectRefused) {
                // what it was is no longer true: the FPM must not keep it
                objects.delete(ifindex);
            }
            throw e;
        }
        if (written == Written.FALLBACK_DEVICE) {
            if (fallbackTlv == 0) {
                throw new IllegalStateException("FPC family " + objects.familyName() + " has no " + FALLBACK_TLV
                        + " TLV for the fallback device " + ifindex);
            }
            w.putU8(fallbackTlv, 1);
        }
        objects.add(ifindex, fromDump);
    }
}
