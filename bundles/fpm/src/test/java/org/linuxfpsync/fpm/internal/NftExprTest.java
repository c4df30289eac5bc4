package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link NftExpr} through the FPM's dump of tables whose blobs were captured from a kernel, against
 * {@code nft -j list ruleset} of the same namespace (resources {@code nftables/}, README there): every
 * rule's {@code expr} is nft's (ct state, ports and addresses, prefixes, sets, interfaces, protocols,
 * counters, verdicts, jumps and gotos, masquerade, dnat, ether type), and a rule with an expression it does not
 * decompile has no {@code expr}.
 */
class NftExprTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NftExprTest.class.getResourceAsStream("nftables/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static JsonNode dump(int family, String table) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("FAMILY", (long) family);
        fields.put("TABLE", table);
        fields.put("FORMAT", 2L);
        fields.put("ORIGIN", 1L);
        fields.put("GENERATION", 1L);
        fields.put("RULES", new FpmBytes(resource(family + "-" + table + ".blob"), false));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            NftJson.table(g, new FpmObject("netfilter", 0, fields, List.of()));
            g.writeEndObject();
        }
        return JSON.readTree(out.toString());
    }

    @Test
    void every_rule_is_written_with_the_expr_nft_writes_for_it() throws IOException {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the blobs were captured little-endian");
        Map<String, JsonNode> ours = new HashMap<>();
        int[][] families = {{1}, {2}, {2}, {7}};
        String[] tables = {"fw", "filt", "nat4", "br"};
        for (int i = 0; i < tables.length; i++) {
            for (JsonNode o : dump(families[i][0], tables[i]).path("nftables")) {
                if (o.has("rule")) {
                    JsonNode r = o.path("rule");
                    ours.put(r.path("family").asText() + " " + r.path("table").asText() + " " + r.path("handle"),
                            r.path("expr"));
                }
            }
        }
        int compared = 0;
        for (JsonNode o : JSON.readTree(resource("ruleset.json")).path("nftables")) {
            if (o.has("rule")) {
                JsonNode r = o.path("rule");
                String key = r.path("family").asText() + " " + r.path("table").asText() + " " + r.path("handle");
                assertThat(ours.get(key)).as(key + ": " + r).isEqualTo(r.path("expr"));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(19);
    }

    @Test
    void a_rule_with_an_expression_it_does_not_decompile_has_none() {
        // [ ct load mark => reg 1 ]: NFTA_LIST_ELEM { NFTA_EXPR_NAME "ct", NFTA_EXPR_DATA {DREG 1, KEY 3} }
        byte[] ctMark = {
            32, 0, 1, 0,
            7, 0, 1, 0, 'c', 't', 0, 0,
            20, 0, 2, (byte) 0x80,
            8, 0, 1, 0, 0, 0, 0, 1,
            8, 0, 2, 0, 0, 0, 0, 3};
        assertThat(NftExpr.decompile("inet", ctMark)).isNull();
        byte[] ctState = ctMark.clone();
        ctState[31] = 0;
        assertThat(NftExpr.decompile("inet", ctState)).as("ct state loaded, nothing compared: no match yet")
                .isEmpty();
        assertThat(NftExpr.decompile("inet", new byte[] {3, 0})).as("malformed").isNull();
    }
}
