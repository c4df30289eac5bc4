package org.linuxfpsync.fpxdp.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * libbpf and libc, loaded by the component's activation (inside OSGi, jnr-ffi generates its stubs
 * in this bundle's class loader, wired once the bundle resolves). libbpf is Debian's libbpf1:
 * {@code libbpf.so.1}, without the development symlink.
 */
final class Native {
    private final LibBpf bpf;
    private final LibC libc;
    private final Runtime runtime;

    private Native(LibBpf bpf, LibC libc) {
        this.bpf = bpf;
        this.libc = libc;
        this.runtime = Runtime.getRuntime(bpf);
    }

    static Native load() {
        LibBpf bpf;
        try {
            bpf = LibraryLoader.create(LibBpf.class).failImmediately().load("libbpf.so.1");
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("fp-xdp: libbpf.so.1 cannot be loaded (apt-get install libbpf1): "
                    + e.getMessage(), e);
        }
        return new Native(bpf, LibraryLoader.create(LibC.class).load("c"));
    }

    LibBpf bpf() {
        return bpf;
    }

    LibC libc() {
        return libc;
    }

    int errno() {
        return runtime.getLastError();
    }

    /** "No such file or directory (errno 2)" for a positive or negative errno. */
    String describe(int errno) {
        int e = Math.abs(errno);
        String text = libc.strerror(e);
        return (text != null ? text : "error") + " (errno " + e + ")";
    }

    /** Zeroed native memory, freed by the garbage collector. */
    Pointer allocate(int bytes) {
        return Memory.allocateDirect(runtime, bytes, true);
    }
}
