package org.linuxfpsync.fpxdp.internal;

import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;

/**
 * The part of libbpf 1.x (Debian's libbpf1) the fast path uses. Functions that fail return a
 * negative errno or NULL with errno set (libbpf 1.x's strict mode is the default).
 */
public interface LibBpf {
    Pointer bpf_object__open_mem(Pointer buf, @size_t long size, Pointer opts);

    int bpf_object__load(Pointer obj);

    void bpf_object__close(Pointer obj);

    Pointer bpf_object__find_program_by_name(Pointer obj, String name);

    int bpf_program__fd(Pointer prog);

    Pointer bpf_object__find_map_by_name(Pointer obj, String name);

    int bpf_map__fd(Pointer map);

    int bpf_xdp_attach(int ifindex, int progFd, int flags, Pointer opts);

    int bpf_xdp_detach(int ifindex, int flags, Pointer opts);

    int bpf_xdp_query_id(int ifindex, int flags, Pointer progId);

    int bpf_map_update_elem(int fd, Pointer key, Pointer value, long flags);

    int bpf_map_delete_elem(int fd, Pointer key);

    int bpf_map_lookup_elem(int fd, Pointer key, Pointer value);

    int libbpf_num_possible_cpus();
}
