package org.linuxfpsync.sync.ipsec;

import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Xfrm;
import org.linuxfpsync.netlink.codec.XfrmMigrateMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module xfrm-migrate: XFRM_MSG_MIGRATE (a key manager moves an SA and its policy to new
 * addresses, MOBIKE). The kernel clones each SA with its new addresses, deletes the old one and
 * rewrites the policy's templates in place, and announces nothing else: no NEWSA, DELSA or
 * UPDPOLICY. The message says which SAs moved, not what they are now (the clone's keys, lifetimes,
 * replay state), so it asks for a dump of the vrf's SAs and policies: the new SA and the changed
 * policy are sent, and the old SA, which the dump no longer reports, is swept from the FPM.
 */
final class Migrations implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final Vrf vrf;
    private final XfrmMigrateMessage migrate = new XfrmMigrateMessage();
    private Runnable dumpRequest = () -> { };
    private long migrations;

    Migrations(Vrf vrf) {
        this.vrf = vrf;
    }

    @Override
    public void dumpRequester(Runnable request) {
        this.dumpRequest = request;
    }

    /** XFRM_MSG_MIGRATE messages applied in this vrf. */
    long migrations() {
        return migrations;
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        if (message.type() != Xfrm.XFRM_MSG_MIGRATE) {
            return;
        }
        XfrmMigrateMessage m = migrate.wrap(message);
        migrations++;
        LOG.info("vrf {}: xfrm-migrate: {} SA(s) of the dir {} policy moved, SAs and policies read again",
                vrf.vrfid(), m.migrations(), m.direction());
        dumpRequest.run();
    }
}
