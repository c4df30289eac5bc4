package org.linuxfpsync.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the tests of the netfilter, nat and ebtables features share (nftables in NetfilterFeatureIT,
 * legacy x_tables in XtablesFeatureIT): the test namespace, commands run in it, and the clean-up:
 * every feature enabled again (disabling netfilter disables its children nat and conntrack: the next
 * test wants every row) and the namespace released and deleted.
 */
public abstract class NetfilterFeaturesSupport extends L2FeatureSupport {
    protected TestNamespace ns;

    @After
    public void enableTheFeaturesAndReleaseTheNamespace() throws Exception {
        if (ns == null) {
            return;
        }
        for (String feature : new String[] {"netfilter", "nat", "conntrack", "ebtables"}) {
            console("cmgrd:sync enable " + feature);
        }
        releaseAndDelete(ns);
    }

    /** The vrf {@code vrfid} of an FPM dump; an empty object when the FPM has none. */
    protected static JsonNode vrf(JsonNode dump, int vrfid) {
        for (JsonNode v : dump.path("vrfs")) {
            if (v.path("vrfid").asInt(-1) == vrfid) {
                return v;
            }
        }
        return JSON.createObjectNode();
    }

    /** {@code ip netns exec <ns> args...}; fails when the command does. */
    protected String exec(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name));
        cmd.addAll(List.of(args));
        return TestNamespace.run(cmd);
    }
}
