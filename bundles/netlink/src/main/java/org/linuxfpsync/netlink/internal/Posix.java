package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The loaded libc binding and its jnr runtime. Loaded by the service's activation, not in a
 * static initializer: inside OSGi, jnr-ffi generates its stub class in this bundle's class
 * loader, which is only wired (DynamicImport-Package) once the bundle resolves.
 */
public final class Posix {
    private final LibC libc;
    private final Runtime runtime;

    private Posix(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    public static Posix load() {
        return new Posix(LibraryLoader.create(LibC.class).load("c"));
    }

    LibC libc() {
        return libc;
    }

    Runtime runtime() {
        return runtime;
    }

    /** errno saved by the last failing call on this thread. */
    int errno() {
        return runtime.getLastError();
    }

    /** {@code "No such file or directory"}. */
    String strerror(int errno) {
        String text = libc.strerror(errno);
        return text != null ? text : "errno " + errno;
    }

    /** {@code "ENOENT (No such file or directory)"}, for log lines and exception messages. */
    String describe(int errno) {
        return Errno.name(errno) + " (" + strerror(errno) + ")";
    }

    /** Native memory for a small structure, zeroed; freed by the garbage collector. */
    Pointer allocate(int bytes) {
        return Memory.allocateDirect(runtime, bytes, true);
    }

    /** A pointer to a direct buffer's memory: reads and writes through it need no copy. */
    Pointer wrap(ByteBuffer directBuffer) {
        if (!directBuffer.isDirect()) {
            throw new IllegalArgumentException("netlink I/O needs a direct ByteBuffer");
        }
        return Pointer.wrap(runtime, directBuffer);
    }
}
