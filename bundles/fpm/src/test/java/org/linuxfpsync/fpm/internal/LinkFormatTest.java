package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkFormatTest {

    @Test
    void flagsAreNamedInTheOrderOfIproute2sPrintLinkFlags() {
        assertThat(LinkFormat.flags(0x10049)).containsExactly("LOOPBACK", "UP", "LOWER_UP");
        assertThat(LinkFormat.flags(0x7ffff)).containsExactly("LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST",
                "NOARP", "ALLMULTI", "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL",
                "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO");
    }

    @Test
    void upWithoutRunningIsNoCarrierFirstAndRunningIsNeverNamed() {
        assertThat(LinkFormat.flags(0x1003)).containsExactly("NO-CARRIER", "BROADCAST", "MULTICAST", "UP");
        assertThat(LinkFormat.flags(0x40)).isEmpty();
    }

    @Test
    void bitsWithoutANameAreLeftAsOneHexStringAsIpPrintsThem() {
        assertThat(LinkFormat.flags(0x180002)).containsExactly("BROADCAST", "180000");
    }

    @Test
    void linkTypesUseIproute2sNamesAndBracketsForTheRest() {
        assertThat(LinkFormat.linkType(1)).isEqualTo("ether");
        assertThat(LinkFormat.linkType(772)).isEqualTo("loopback");
        assertThat(LinkFormat.linkType(65534)).isEqualTo("none");
        assertThat(LinkFormat.linkType(823)).isEqualTo("gre6");
        assertThat(LinkFormat.linkType(290)).isEqualTo("[290]");
    }

    @Test
    void operstatesAreNamedUpToUpAndBeyondHaveNoName() {
        assertThat(LinkFormat.operstate(0)).isEqualTo("UNKNOWN");
        assertThat(LinkFormat.operstate(3)).isEqualTo("LOWERLAYERDOWN");
        assertThat(LinkFormat.operstate(6)).isEqualTo("UP");
        assertThat(LinkFormat.operstate(7)).isNull();
    }

    @Test
    void addressesAreHexExceptIpTunnelEndpoints() {
        assertThat(LinkFormat.address(new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56}, 1)).isEqualTo("52:54:00:12:34:56");
        assertThat(LinkFormat.address(new byte[] {10, 0, 0, 1}, 778)).isEqualTo("10.0.0.1");
        assertThat(LinkFormat.address(new byte[] {10, 0, 0, 1}, 1)).isEqualTo("0a:00:00:01");
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 1;
        assertThat(LinkFormat.address(v6, 769)).isEqualTo("2001:db8::1");
    }

    @Test
    void ipv6IsWrittenAsGlibcInetNtopWritesIt() {
        assertThat(LinkFormat.inet6(bytes("00000000000000000000000000000000"))).isEqualTo("::");
        assertThat(LinkFormat.inet6(bytes("00000000000000000000000000000001"))).isEqualTo("::1");
        assertThat(LinkFormat.inet6(bytes("00000000000000000000ffff0a000001"))).isEqualTo("::ffff:10.0.0.1");
        assertThat(LinkFormat.inet6(bytes("000000000000000000000000c0000201"))).isEqualTo("::192.0.2.1");
        assertThat(LinkFormat.inet6(bytes("20010db8000000010000000000000001"))).isEqualTo("2001:db8:0:1::1");
        assertThat(LinkFormat.inet6(bytes("20010db8000000000001000000000001"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(LinkFormat.inet6(bytes("fe800000000000000000000000000000"))).isEqualTo("fe80::");
        assertThat(LinkFormat.inet6(bytes("20010db8000100020003000400050006"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(LinkFormat.inet6(bytes("20010db8000000010001000100010001"))).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
