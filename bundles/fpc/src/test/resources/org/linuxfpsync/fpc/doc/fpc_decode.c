/* Decodes one FPC IF_CREATE frame from a file with nothing but docs/fpc.h, and prints it. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "fpc.h"

int main(int argc, char **argv)
{
	static uint8_t buf[FPC_MAX_FRAME_LEN];
	struct fpc_hdr hdr;
	uint32_t off = FPC_HDR_LEN;
	uint16_t type, len;
	const uint8_t *v;
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

	while ((rc = fpc_tlv_next(buf, (uint32_t)frame_len, &off, &type, &len, &v)) > 0) {
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
	return rc < 0 ? 4 : 0;
}
