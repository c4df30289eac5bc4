/*
 * fpc.h - the FPC protocol between the linux-fp-sync cache manager and a fast path manager.
 *
 * Everything here is described in docs/fpc-protocol.md; the Java codec
 * (org.linuxfpsync.fpc.codec) is the reference implementation and a test compiles this header
 * against frames it wrote. All integers on the wire are big-endian: read them with the
 * fpc_get_* helpers below, which need no alignment.
 */
#ifndef FPC_H
#define FPC_H

#include <stddef.h>
#include <stdint.h>

/* ---- framing ----------------------------------------------------------------------------- */

#define FPC_VERSION          1          /* header version; anything else: close the connection */
#define FPC_HDR_LEN          12
#define FPC_MAX_FRAME_LEN    (1u << 20) /* 1 MiB, header included */
#define FPC_TLV_HDR_LEN      4

struct fpc_hdr {
	uint8_t  version;   /* FPC_VERSION */
	uint8_t  flags;     /* 0; receivers ignore unknown bits */
	uint16_t type;      /* FPC_MSG_*, big-endian */
	uint32_t length;    /* whole frame, header included, big-endian */
	uint32_t seq;       /* sender's counter, echoed in ERROR, big-endian */
} __attribute__((packed));

struct fpc_tlv {
	uint16_t type;      /* big-endian */
	uint16_t length;    /* value bytes only, big-endian; no padding follows */
} __attribute__((packed));

_Static_assert(sizeof(struct fpc_hdr) == FPC_HDR_LEN, "fpc_hdr is 12 bytes");
_Static_assert(sizeof(struct fpc_tlv) == FPC_TLV_HDR_LEN, "fpc_tlv is 4 bytes");

/* ---- message types (high byte = object family) ---------------------------------------------- */

#define FPC_MSG_HELLO        0x0001
#define FPC_MSG_ERROR        0x0002
#define FPC_MSG_GR_BEGIN     0x0003
#define FPC_MSG_GR_END       0x0004
#define FPC_MSG_IF_CREATE    0x0100
#define FPC_MSG_IF_UPDATE    0x0101
#define FPC_MSG_IF_DELETE    0x0102

#define FPC_FAMILY(type)     (((type) >> 8) & 0xff)
#define FPC_FAMILY_SYSTEM      0x00
#define FPC_FAMILY_INTERFACES  0x01

/* ---- TLVs ----------------------------------------------------------------------------------- */

/* HELLO */
#define FPC_HELLO_VERSION_MAX  1   /* u16 */
#define FPC_HELLO_NAME         2   /* string */
#define FPC_HELLO_INSTANCE     3   /* u32, client only */
#define FPC_HELLO_FEATURES     4   /* u32 sync-mask bits */
#define FPC_HELLO_EPOCH        5   /* u64, server only, below 2^63 */

/* ERROR */
#define FPC_ERROR_SEQ          1   /* u32: seq of the refused frame */
#define FPC_ERROR_TYPE         2   /* u16: its message type */
#define FPC_ERROR_CODE         3   /* u32: FPC_E* */
#define FPC_ERROR_MESSAGE      4   /* string: one line */

/* GR_BEGIN, GR_END */
#define FPC_GR_FAMILY          1   /* u8: FPC_FAMILY_* */
#define FPC_GR_VRFID           2   /* u32 */

/* IF_CREATE, IF_UPDATE (full state); IF_DELETE carries IFUID, VRFID, IFNAME */
#define FPC_IF_IFUID           1   /* u64, required, never 0 */
#define FPC_IF_VRFID           2   /* u32, required */
#define FPC_IF_IFINDEX         3   /* u32 */
#define FPC_IF_IFNAME          4   /* string, at most FPC_IFNAME_MAX bytes */
#define FPC_IF_TYPE            5   /* u16: FPC_IFTYPE_* */
#define FPC_IF_SUBTYPE         6   /* u16: FPC_IFSUBTYPE_* */
#define FPC_IF_FLAGS           7   /* u32: the kernel's ifi_flags (IFF_*) */
#define FPC_IF_MTU             8   /* u32 */
#define FPC_IF_MAC             9   /* bytes, at most FPC_MAC_MAX */
#define FPC_IF_MASTER_IFUID    10  /* u64, 0 or absent: no master */
#define FPC_IF_KIND            11  /* string: IFLA_INFO_KIND, at most FPC_KIND_MAX bytes */
#define FPC_IF_OPERSTATE       12  /* u8: IF_OPER_* */
#define FPC_IF_ARPHRD          13  /* u16: ARPHRD_* */
#define FPC_IF_SLAVE_KIND      14  /* string: IFLA_INFO_SLAVE_KIND, at most FPC_KIND_MAX bytes */

#define FPC_IFNAME_MAX         15  /* IFNAMSIZ - 1: a char[16] holds it with its NUL */
#define FPC_MAC_MAX            32  /* MAX_ADDR_LEN */
#define FPC_KIND_MAX           31

/* ---- codes ---------------------------------------------------------------------------------- */

/* ERROR CODE values: Linux errno numbers */
#define FPC_ENOENT             2   /* IF_UPDATE/IF_DELETE of an unknown ifuid */
#define FPC_EINVAL             22  /* missing required TLV, bad TLV size or value */
#define FPC_EPROTO             71  /* broken header, frame before HELLO, second HELLO: then close */
#define FPC_EMSGSIZE           90  /* reserved */
#define FPC_EOPNOTSUPP         95  /* unknown message type or object family */

/* Interface types (BSD if_types.h values, as the seed's "type:") */
#define FPC_IFTYPE_OTHER       1
#define FPC_IFTYPE_ETHER       6
#define FPC_IFTYPE_PPP         23
#define FPC_IFTYPE_LOOP        24
#define FPC_IFTYPE_TUNNEL      131
#define FPC_IFTYPE_BRIDGE_PORT 249

/* Interface subtypes: which IFLA_INFO_KIND */
#define FPC_IFSUBTYPE_NONE     0
#define FPC_IFSUBTYPE_VETH     1
#define FPC_IFSUBTYPE_VLAN     2
#define FPC_IFSUBTYPE_MACVLAN  3
#define FPC_IFSUBTYPE_VXLAN    4
#define FPC_IFSUBTYPE_BRIDGE   5
#define FPC_IFSUBTYPE_BOND     6
#define FPC_IFSUBTYPE_GRE      7
#define FPC_IFSUBTYPE_GRETAP   8
#define FPC_IFSUBTYPE_IPIP     9
#define FPC_IFSUBTYPE_SIT      10
#define FPC_IFSUBTYPE_VTI      11
#define FPC_IFSUBTYPE_VTI6     12
#define FPC_IFSUBTYPE_IP6TNL   13
#define FPC_IFSUBTYPE_TUN      14
#define FPC_IFSUBTYPE_DUMMY    15
#define FPC_IFSUBTYPE_VRF      16
#define FPC_IFSUBTYPE_MACVTAP  17
#define FPC_IFSUBTYPE_IP6GRE   18
#define FPC_IFSUBTYPE_OTHER    255

/* ---- helpers -------------------------------------------------------------------------------- */

static inline uint16_t fpc_get_u16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t fpc_get_u32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint64_t fpc_get_u64(const uint8_t *p)
{
	return ((uint64_t)fpc_get_u32(p) << 32) | fpc_get_u32(p + 4);
}

/*
 * Looks at the bytes received so far.
 * Returns the frame's length when a whole frame is there, 0 when more bytes are needed, and
 * -FPC_EPROTO when the header is broken (answer ERROR EPROTO and close the connection).
 */
static inline long fpc_frame_check(const uint8_t *buf, size_t avail)
{
	uint32_t len;

	if (avail < 1)
		return 0;
	if (buf[0] != FPC_VERSION)
		return -FPC_EPROTO;
	if (avail < 8)
		return 0;
	len = fpc_get_u32(buf + 4);
	if (len < FPC_HDR_LEN || len > FPC_MAX_FRAME_LEN)
		return -FPC_EPROTO;
	return avail < len ? 0 : (long)len;
}

/*
 * Walks the TLVs of a whole frame: start with *off = FPC_HDR_LEN.
 * Returns 1 and sets type, length and value for the next TLV, 0 after the last one, and
 * -FPC_EINVAL when a TLV overruns the frame (refuse the frame with ERROR EINVAL, keep the
 * connection). Skip the TLV types you do not know.
 */
static inline int fpc_tlv_next(const uint8_t *frame, uint32_t frame_len, uint32_t *off,
			       uint16_t *type, uint16_t *len, const uint8_t **value)
{
	uint32_t left;

	if (*off >= frame_len)
		return 0;
	left = frame_len - *off;
	if (left < FPC_TLV_HDR_LEN)
		return -FPC_EINVAL;
	*type = fpc_get_u16(frame + *off);
	*len = fpc_get_u16(frame + *off + 2);
	if (*len > left - FPC_TLV_HDR_LEN)
		return -FPC_EINVAL;
	*value = frame + *off + FPC_TLV_HDR_LEN;
	*off += FPC_TLV_HDR_LEN + *len;
	return 1;
}

#endif /* FPC_H */
