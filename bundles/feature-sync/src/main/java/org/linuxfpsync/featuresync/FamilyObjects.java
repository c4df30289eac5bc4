package org.linuxfpsync.featuresync;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.ObjectFamily;

/**
 * What one sync has in the FPM of one FPC object family in its vrf: the TLVs last sent for each
 * key, so that an event that changes nothing sends nothing, a deletion is sent only for what was
 * sent, and a complete replay forgets what it did not report (the FPM sweeps the same objects at the
 * end of the replay window). Its {@link ReplayMembership} frames every replay, not a differential
 * dump (an overflow, a refresh: {@link #dumpStarted(boolean)}), which sends the differences only: the
 * objects that changed, and a DEL for each one the dump no longer reports. A replay that joins a
 * window already open sends those DELs too.
 *
 * <p>Used by the subscription's reader thread only, except {@link #size} (a racy read for the
 * console) and {@link #close} (once the subscription is closed).
 *
 * @param <K> what identifies an object, matching the family's key TLVs
 */
public final class FamilyObjects<K> implements SyncedFamily {
    /** Writes the key TLVs of {@code key} into a begun DEL frame. */
    @FunctionalInterface
    public interface KeyWriter<K> {
        void write(FrameWriter w, K key);
    }

    private static final class Sent {
        byte[] tlvs;
        /** How many bytes of {@link #tlvs} a change is looked for in (the rest moves without one). */
        int compared;
        long generation;
    }

    private final ObjectFamily family;
    private final int addType;
    private final int delType;
    private final KeyWriter<K> keyWriter;
    private final FpcChannel fpc;
    private final FrameWriter writer = new FrameWriter();
    private final Map<K, Sent> sent = new HashMap<>();
    /** The device (ifindex) each key belongs to, or null: the family is not indexed by device. */
    private final ToIntFunction<? super K> deviceOf;
    /**
     * The keys of {@link #sent} by device, when {@link #deviceOf} is given: a device that goes costs
     * its own objects, not a pass over the family (issue #23).
     */
    private final Map<Integer, Set<K>> byDevice;
    private volatile int size;
    private long generation;
    private final ReplayMembership membership = new ReplayMembership(this::sweep);

    /** @param familyCode an FPC object family ({@code MacvlanAttr.FAMILY_MACVLAN}) */
    public FamilyObjects(int familyCode, KeyWriter<K> keyWriter, FpcChannel fpc) {
        this(familyCode, keyWriter, fpc, null);
    }

    /**
     * As {@link #FamilyObjects(int, KeyWriter, FpcChannel)}, with the objects indexed by the device
     * each belongs to ({@link #forgetDevice}, {@link #deleteOfDevice}).
     *
     * @param deviceOf the ifindex of the device a key belongs to, or null for no index
     */
    public FamilyObjects(int familyCode, KeyWriter<K> keyWriter, FpcChannel fpc, ToIntFunction<? super K> deviceOf) {
        this.deviceOf = deviceOf;
        this.byDevice = deviceOf == null ? null : new HashMap<>();
        this.family = FpcSchema.family(familyCode);
        if (family == null || family.messages().size() < 2) {
            throw new IllegalArgumentException("not an FPC object family: " + familyCode);
        }
        this.addType = messageOf(MessageSpec.Role.ADD);
        this.delType = messageOf(MessageSpec.Role.DEL);
        this.keyWriter = keyWriter;
        this.fpc = fpc;
    }

    private int messageOf(MessageSpec.Role role) {
        for (MessageSpec m : family.messages()) {
            if (m.role() == role) {
                return m.type();
            }
        }
        throw new IllegalArgumentException("FPC family " + family.name() + " has no " + role + " message");
    }

    @Override
    public int familyCode() {
        return family.code();
    }

    @Override
    public String familyName() {
        return family.name();
    }

    /** Begins the family's ADD frame: write its TLVs, then {@link #add}. */
    public FrameWriter beginAdd() {
        return writer.begin(addType, FrameSequence.next());
    }

    /**
     * Sends the ADD begun by {@link #beginAdd} as the state of {@code key}: always during a dump (it
     * refreshes the object in the replay window), otherwise only when it differs from what was sent.
     */
    public void add(K key, boolean fromDump) {
        add(key, fromDump, Integer.MAX_VALUE);
    }

    /**
     * As {@link #add(Object, boolean)}, for an object whose last TLVs move without a change (a
     * countdown the kernel reports with each event): they are sent, but an object whose TLVs up to
     * {@code comparedLength} (a {@link FrameWriter#length()} taken before writing them) are the
     * same as last sent is not sent again outside a replay.
     */
    public void add(K key, boolean fromDump, int comparedLength) {
        ByteBuffer frame = writer.finish();
        int compared = Math.min(comparedLength, frame.limit()) - FpcFrame.HEADER_SIZE;
        Sent s = sent.get(key);
        if (s == null) {
            s = new Sent();
            sent.put(key, s);
            indexed(key);
            size = sent.size();
        } else if ((!fromDump || membership.differential()) && sameTlvs(s.tlvs, s.compared, frame, compared)) {
            s.generation = generation;
            return;
        }
        s.tlvs = tlvs(frame, s.tlvs);
        s.compared = compared;
        s.generation = generation;
        fpc.send(frame);
    }

    /**
     * Keeps {@code key} in a running differential dump without a frame: its owner found the kernel's
     * state unchanged itself, cheaper than writing the frame to compare it ({@code XtablesSync}).
     *
     * @return false when it must be added instead: never sent, or in a replay (which sends everything)
     */
    public boolean unchanged(K key) {
        Sent s = sent.get(key);
        if (s == null || !membership.differential()) {
            return false;
        }
        s.generation = generation;
        return true;
    }

    /** Sends the DEL of {@code key} when this sync sent it; returns whether it did. */
    public boolean delete(K key) {
        if (sent.remove(key) == null) {
            return false;
        }
        unindexed(key);
        size = sent.size();
        writer.begin(delType, FrameSequence.next());
        keyWriter.write(writer, key);
        fpc.send(writer.finish());
        return true;
    }

    /** Deletes, as {@link #delete}, every object sent whose key matches; returns how many. */
    public int deleteIf(Predicate<? super K> which) {
        List<K> gone = new ArrayList<>();
        for (K k : sent.keySet()) {
            if (which.test(k)) {
                gone.add(k);
            }
        }
        gone.forEach(this::delete);
        return gone.size();
    }

    /**
     * Forgets, without a DEL, the objects whose key matches: the FPM deleted them itself (they
     * belonged to an interface that is gone).
     */
    public void forget(Predicate<? super K> which) {
        sent.keySet().removeIf(k -> which.test(k) && unindexed(k));
        size = sent.size();
    }

    /**
     * As {@link #forget(Predicate)} for the objects of one device (the family is indexed by device):
     * the device went, and the FPM deleted its objects with it. Costs that device's objects only.
     */
    public int forgetDevice(int ifindex) {
        Set<K> keys = indexOnly().remove(ifindex);
        if (keys == null) {
            return 0;
        }
        for (K k : keys) {
            sent.remove(k);
        }
        size = sent.size();
        return keys.size();
    }

    /** As {@link #deleteIf}, among the objects of one device only (the family is indexed by device). */
    public int deleteOfDevice(int ifindex, Predicate<? super K> which) {
        Set<K> keys = indexOnly().get(ifindex);
        if (keys == null) {
            return 0;
        }
        List<K> gone = new ArrayList<>();
        for (K k : keys) {
            if (which.test(k)) {
                gone.add(k);
            }
        }
        gone.forEach(this::delete);
        return gone.size();
    }

    private Map<Integer, Set<K>> indexOnly() {
        if (byDevice == null) {
            throw new IllegalStateException("FPC family " + family.name() + " is not indexed by device");
        }
        return byDevice;
    }

    private void indexed(K key) {
        if (byDevice != null) {
            byDevice.computeIfAbsent(deviceOf.applyAsInt(key), d -> new HashSet<>()).add(key);
        }
    }

    /** Takes {@code key} out of the device index; true, for use in a removeIf. */
    private boolean unindexed(K key) {
        if (byDevice != null) {
            int device = deviceOf.applyAsInt(key);
            Set<K> keys = byDevice.get(device);
            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                byDevice.remove(device);
            }
        }
        return true;
    }

    /**
     * As {@link #forget(Predicate)} for the object of one key, without a scan of the family: a link
     * that goes costs each feature a lookup, not a pass over its objects (issue #23).
     */
    public void forgetKey(K key) {
        if (sent.remove(key) != null) {
            unindexed(key);
            size = sent.size();
        }
    }

    public boolean contains(K key) {
        return sent.containsKey(key);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void join(ReplayMember m) {
        membership.join(m);
    }

    ReplayMember member() {
        return membership.member();
    }

    @Override
    public void dumpStarted(boolean differential) {
        generation++;
        membership.dumpStarted(differential);
    }

    @Override
    public void dumpFinished(boolean complete) {
        membership.dumpFinished(complete);
    }

    /** Removes what the running dump did not report ({@link ReplayMembership.Sweeper}). */
    private void sweep(boolean withDel) {
        long current = generation;
        if (withDel) {
            deleteIf(k -> sent.get(k).generation != current);
        } else {
            sent.entrySet().removeIf(e -> e.getValue().generation != current && unindexed(e.getKey()));
            size = sent.size();
        }
    }

    @Override
    public void close(boolean withdraw) {
        membership.leave(withdraw);
        sent.clear();
        if (byDevice != null) {
            byDevice.clear();
        }
        size = 0;
    }

    /** The frame's TLVs, in {@code previous} when they are as long (a changed state, often): no garbage per event. */
    private static byte[] tlvs(ByteBuffer frame, byte[] previous) {
        int length = frame.limit() - FpcFrame.HEADER_SIZE;
        byte[] b = previous != null && previous.length == length ? previous : new byte[length];
        frame.get(FpcFrame.HEADER_SIZE, b);
        return b;
    }

    private static boolean sameTlvs(byte[] previous, int previousCompared, ByteBuffer frame, int compared) {
        int length = frame.limit() - FpcFrame.HEADER_SIZE;
        if (compared >= length && previousCompared >= previous.length) {
            return previous.length == length
                    && frame.slice(FpcFrame.HEADER_SIZE, length).equals(ByteBuffer.wrap(previous));
        }
        return previousCompared == compared
                && frame.slice(FpcFrame.HEADER_SIZE, compared).equals(ByteBuffer.wrap(previous, 0, compared));
    }
}
