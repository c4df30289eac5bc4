package org.linuxfpsync.fpxdp.internal;

import java.io.IOException;
import java.io.InputStream;

import jnr.ffi.Pointer;

/**
 * The XDP object built from src/main/c/fp_xdp.bpf.c, opened from the bundle's resource and loaded
 * into the kernel: its programs and maps. Each instance has maps of its own (one per network
 * namespace served: ifindexes are per namespace). Closing it unloads what no attachment holds.
 */
final class BpfObject implements AutoCloseable {
    static final String RESOURCE = "fp_xdp.bpf.o";
    static final String FORWARDER = "fp_xdp";
    static final String PASS = "fp_xdp_pass";

    private final Native lib;
    private final Pointer object;
    /** Keeps the ELF bytes alive while libbpf may refer to them. */
    private final Pointer image;

    private BpfObject(Native lib, Pointer object, Pointer image) {
        this.lib = lib;
        this.object = object;
        this.image = image;
    }

    static BpfObject load(Native lib) {
        byte[] elf = resource();
        Pointer image = lib.allocate(elf.length);
        image.put(0, elf, 0, elf.length);
        Pointer obj = lib.bpf().bpf_object__open_mem(image, elf.length, null);
        if (obj == null) {
            throw new IllegalStateException("fp-xdp: cannot open " + RESOURCE + ": " + lib.describe(lib.errno()));
        }
        int rc = lib.bpf().bpf_object__load(obj);
        if (rc < 0) {
            lib.bpf().bpf_object__close(obj);
            throw new IllegalStateException("fp-xdp: the kernel refuses " + RESOURCE + ": " + lib.describe(rc)
                    + (Math.abs(rc) == 1 ? " (needs root or CAP_BPF)" : ""));
        }
        return new BpfObject(lib, obj, image);
    }

    private static byte[] resource() {
        try (InputStream in = BpfObject.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("fp-xdp: " + RESOURCE + " is not in the bundle (built without clang?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("fp-xdp: cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The file descriptor of a program of the object. */
    int programFd(String name) {
        Pointer prog = lib.bpf().bpf_object__find_program_by_name(object, name);
        if (prog == null) {
            throw new IllegalStateException("fp-xdp: no program " + name + " in " + RESOURCE);
        }
        return lib.bpf().bpf_program__fd(prog);
    }

    /** A map of the object. */
    BpfMap map(String name, int keySize, int valueSize, boolean perCpu) {
        Pointer map = lib.bpf().bpf_object__find_map_by_name(object, name);
        if (map == null) {
            throw new IllegalStateException("fp-xdp: no map " + name + " in " + RESOURCE);
        }
        return new BpfMap(lib, name, lib.bpf().bpf_map__fd(map), keySize, valueSize, perCpu);
    }

    Native lib() {
        return lib;
    }

    @Override
    public void close() {
        lib.bpf().bpf_object__close(object);
        image.size(); // reachable until here
    }
}
