package org.linuxfpsync.fpm;

import java.util.List;

/** The reference fast path manager: an FPC server and the tables it keeps. */
public interface FpmService {

    /** Where it listens, {@code unix:/path} or {@code tcp:host:port} (the bound port when 0 was configured). */
    String endpoint();

    /** The tables as documented in docs/fpm-dump.md, pretty-printed; field names follow {@code ip -j -d link}. */
    String dumpJson();

    /** A snapshot of the interface table, sorted by vrfid then ifindex (both unsigned). */
    List<FpmInterface> interfaces();

    FpmStats stats();
}
