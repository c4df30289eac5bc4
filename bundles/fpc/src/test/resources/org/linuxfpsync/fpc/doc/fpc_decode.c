/*
 * Decodes one FPC frame (IF_CREATE or ROUTE_ADD) from a file with nothing but docs/fpc.h, and
 * prints it: what a C fast path does with the frames the Java encoder writes.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "fpc.h"

static void print_address(const char *name, const uint8_t *v, uint16_t len)
{
	char text[INET6_ADDRSTRLEN];

	inet_ntop(len == 4 ? AF_INET : AF_INET6, v, text, sizeof(text));
	printf("%s=%s\n", name, text);
}

static int print_interface(const uint8_t *buf, uint32_t frame_len)
{
	uint32_t off = FPC_HDR_LEN;
	uint16_t type, len;
	const uint8_t *v;
	int rc;

	while ((rc = fpc_tlv_next(buf, frame_len, &off, &type, &len, &v)) > 0) {
		switch (type) {
		case FPC_IF_IFUID: printf("ifuid=0x%llx\n", (unsigned long long)fpc_get_u64(v)); break;
		case FPC_IF_VRFID: printf("vrfid=%u\n", fpc_get_u32(v)); break;
		case FPC_IF_IFINDEX: printf("ifindex=%u\n", fpc_get_u32(v)); break;
		case FPC_IF_IFNAME: printf("ifname=%.*s\n", (int)len, (const char *)v); break;
		case FPC_IF_TYPE: printf("type=%u\n", fpc_get_u16(v)); break;
		case FPC_IF_SUBTYPE: printf("subtype=%u\n", fpc_get_u16(v)); break;
		case FPC_IF_FLAGS: printf("flags=0x%x\n", fpc_get_u32(v)); break;
		case FPC_IF_MTU: printf("mtu=%u\n", fpc_get_u32(v)); break;
		case FPC_IF_MAC:
			printf("mac=");
			for (int i = 0; i < len; i++)
				printf(i ? ":%02x" : "%02x", v[i]);
			printf("\n");
			break;
		case FPC_IF_OPERSTATE: printf("operstate=%u\n", v[0]); break;
		case FPC_IF_ARPHRD: printf("arphrd=%u\n", fpc_get_u16(v)); break;
		default: printf("skipped TLV %u\n", type); break;
		}
	}
	return rc;
}

/* A nested TLV is walked with the same fpc_tlv_next(), over its value from offset 0. */
static int print_nexthop(const uint8_t *nh, uint16_t nh_len)
{
	uint32_t off = 0;
	uint16_t type, len;
	const uint8_t *v;
	int rc;

	printf("nexthop:");
	while ((rc = fpc_tlv_next(nh, nh_len, &off, &type, &len, &v)) > 0) {
		switch (type) {
		case FPC_NH_GATEWAY: {
			char text[INET6_ADDRSTRLEN];

			inet_ntop(len == 4 ? AF_INET : AF_INET6, v, text, sizeof(text));
			printf(" gateway=%s", text);
			break;
		}
		case FPC_NH_IFUID: printf(" ifuid=0x%llx", (unsigned long long)fpc_get_u64(v)); break;
		case FPC_NH_WEIGHT: printf(" weight=%u", fpc_get_u16(v)); break;
		case FPC_NH_FLAGS: printf(" flags=0x%x", fpc_get_u32(v)); break;
		default: break;
		}
	}
	printf("\n");
	return rc;
}

static int print_route(const uint8_t *buf, uint32_t frame_len)
{
	uint32_t off = FPC_HDR_LEN;
	uint16_t type, len;
	const uint8_t *v;
	int rc;

	while ((rc = fpc_tlv_next(buf, frame_len, &off, &type, &len, &v)) > 0) {
		switch (type) {
		case FPC_ROUTE_VRFID: printf("vrfid=%u\n", fpc_get_u32(v)); break;
		case FPC_ROUTE_TABLE: printf("table=%u\n", fpc_get_u32(v)); break;
		case FPC_ROUTE_FAMILY: printf("family=%u\n", v[0]); break;
		case FPC_ROUTE_DST: print_address("dst", v, len); break;
		case FPC_ROUTE_PREFIXLEN: printf("prefixlen=%u\n", v[0]); break;
		case FPC_ROUTE_PRIORITY: printf("priority=%u\n", fpc_get_u32(v)); break;
		case FPC_ROUTE_PROTOCOL: printf("protocol=%u\n", v[0]); break;
		case FPC_ROUTE_NEXTHOP:
			if (print_nexthop(v, len) < 0)
				return -FPC_EINVAL;
			break;
		default: break;
		}
	}
	return rc;
}

int main(int argc, char **argv)
{
	static uint8_t buf[FPC_MAX_FRAME_LEN];
	struct fpc_hdr hdr;
	long frame_len;
	size_t n;
	int rc;
	FILE *f;

	if (argc != 2 || !(f = fopen(argv[1], "rb")))
		return 2;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);

	frame_len = fpc_frame_check(buf, n);
	if (frame_len <= 0 || (size_t)frame_len != n)
		return 3;
	memcpy(&hdr, buf, sizeof(hdr));
	printf("version=%u flags=%u type=0x%04x length=%u seq=%u\n", hdr.version, hdr.flags,
	       ntohs(hdr.type), ntohl(hdr.length), ntohl(hdr.seq));

	switch (ntohs(hdr.type)) {
	case FPC_MSG_IF_CREATE: rc = print_interface(buf, (uint32_t)frame_len); break;
	case FPC_MSG_ROUTE_ADD: rc = print_route(buf, (uint32_t)frame_len); break;
	default: rc = 0; break;
	}
	return rc < 0 ? 4 : 0;
}
