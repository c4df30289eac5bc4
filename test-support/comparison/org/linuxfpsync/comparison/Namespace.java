package org.linuxfpsync.comparison;

/**
 * A network namespace the comparisons read the kernel's view of: iproute2's {@code ip} and
 * {@code bridge} run inside it ({@code -n NAME}), their standard output returned.
 */
public interface Namespace {
    /** {@code ip -n NAME args...}; a non-zero exit throws. */
    String ip(String... args) throws Exception;

    /** {@code bridge -n NAME args...}; a non-zero exit throws. */
    String bridge(String... args) throws Exception;

    /** The value of a sysctl inside the namespace ({@code net.ipv4.nexthop_compat_mode} is per namespace). */
    String sysctl(String name) throws Exception;
}
