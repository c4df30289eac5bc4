package org.linuxfpsync.cmgr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "linux-fp-sync sync features",
        description = "Which features are synchronized (the manual's -S / --disable-sync-*), and IPsec HA (-R).")
@interface SyncConfig {

    @AttributeDefinition(description = "Sync mask, the manual's -S: flags of the manual's table (0x1 vxlan ... "
            + "0x10000 ipv6), hex or decimal. Default: every feature, but not tap pattern only (0x4000), which bpf's "
            + "taps without their program.")
    String syncMask() default "0x1bfff";

    @AttributeDefinition(description = "Synchronize IPsec replay information (SA sequence numbers) for IPsec HA, "
            + "the manual's -R / HA_IPSEC.")
    boolean ipsecHa() default false;

    @AttributeDefinition(description = "Synchronize BPF filters of any application, not only tcpdump, ethereal, "
            + "wireshark, tshark and nmap: the manual's -A / BPF_OPT (an option of the bpf feature).")
    boolean bpfAll() default false;
}
