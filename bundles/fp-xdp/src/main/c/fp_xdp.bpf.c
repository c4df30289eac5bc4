// SPDX-License-Identifier: GPL-2.0
/*
 * fp-xdp: the fast path of linux-fp-sync (docs/fp-xdp.md). Forwards IPv4 and IPv6 packets from the
 * maps the fp-xdp bundle fills with what cmgrd synchronized over FPC: routes (LPM tries keyed by
 * vrfid and prefix), neighbours (MAC rewrite) and interfaces. Whatever it does not handle goes to
 * Linux unchanged (XDP_PASS, the exception path): no route, no neighbour, a local destination,
 * TTL/hop limit <= 1, IPv4 options, fragments, IPv6 extension headers, a packet over the egress
 * MTU, multicast, broadcast, non-IP, a frame not addressed to the interface's MAC.
 *
 * The layouts below are mirrored byte for byte by org.linuxfpsync.fpxdp.internal.XdpMapLayout.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define FP_MAX_PATHS 8
#define FP_MAX_IFACES 1024

#define FP_FORWARD 0 /* forward on one of the paths */
#define FP_DROP    1 /* blackhole: drop, counted as rx_dropped */
#define FP_PASS    2 /* hand to Linux: local, unreachable, prohibit, throw, unresolved */

struct fp_iface {
	__u32 vrfid;
	__u32 mtu;
	__u32 slot;       /* index in fp_counters */
	__u8 mac[6];
	__u8 up;          /* IFF_UP and IFF_LOWER_UP: it can send */
	__u8 forward;     /* 1: packets received on it are looked up */
};

struct fp_path {
	__u32 ifindex;
	__u16 weight;     /* 1..256 */
	__u8 family;      /* of gateway: 0 none (connected: the destination is the neighbour), 2, 10 */
	__u8 pad;
	__u8 gateway[16];
};

struct fp_route {
	__u8 action;
	__u8 paths;
	__u16 total_weight;
	__u32 mtu;        /* the route's MTU, 0 when none */
	struct fp_path path[FP_MAX_PATHS];
};

struct fp_lpm4_key {
	__u32 prefixlen;  /* 32 (vrfid) + the route's prefix length */
	__u32 vrfid;      /* big endian, so that the trie matches it whole before the address */
	__u8 addr[4];
};

struct fp_lpm6_key {
	__u32 prefixlen;
	__u32 vrfid;
	__u8 addr[16];
};

struct fp_neigh_key {
	__u32 ifindex;
	__u8 family;
	__u8 pad[3];
	__u8 addr[16];
};

struct fp_neigh {
	__u8 mac[6];
	__u8 pad[2];
};

struct fp_counters {
	__u64 rx_packets;  /* received and forwarded or dropped by the fast path */
	__u64 rx_bytes;
	__u64 tx_packets;  /* sent by the fast path */
	__u64 tx_bytes;
	__u64 rx_dropped;  /* blackhole routes */
	__u64 tx_dropped;
	__u64 exceptions;  /* handed to Linux (XDP_PASS) */
	__u64 exception_bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FP_MAX_IFACES);
	__type(key, __u32);
	__type(value, struct fp_iface);
} fp_ifaces SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 1 << 20);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct fp_lpm4_key);
	__type(value, struct fp_route);
} fp_routes4 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 1 << 18);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct fp_lpm6_key);
	__type(value, struct fp_route);
} fp_routes6 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1 << 18);
	__type(key, struct fp_neigh_key);
	__type(value, struct fp_neigh);
} fp_neighs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, FP_MAX_IFACES);
	__type(key, __u32);
	__type(value, struct fp_counters);
} fp_counters SEC(".maps");

struct flow {
	__u32 words[8];   /* source and destination addresses, IPv4 in the first word of each half */
	__u32 ports;
	__u8 proto;
};

static __always_inline int same_mac(const __u8 *a, const __u8 *b)
{
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3]) | (a[4] ^ b[4]) | (a[5] ^ b[5])) == 0;
}

static __always_inline struct fp_counters *counters_of(const struct fp_iface *iface)
{
	__u32 slot = iface->slot;
	return bpf_map_lookup_elem(&fp_counters, &slot);
}

static __always_inline int exception(const struct fp_iface *iif, __u64 bytes)
{
	struct fp_counters *c = counters_of(iif);
	if (c) {
		c->exceptions++;
		c->exception_bytes += bytes;
	}
	return XDP_PASS;
}

static __always_inline __u32 flow_hash(const struct flow *f)
{
	/* jhash-like mixing of the 5-tuple: a flow keeps its path, flows spread over the paths */
	__u32 h = 0x9e3779b9 ^ f->proto;
#pragma unroll
	for (int i = 0; i < 8; i++) {
		h ^= f->words[i];
		h *= 0x85ebca6b;
		h ^= h >> 13;
	}
	h ^= f->ports;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

static __always_inline const struct fp_path *select_path(const struct fp_route *r, const struct flow *f)
{
	if (r->paths == 0 || r->paths > FP_MAX_PATHS || r->total_weight == 0)
		return 0;
	if (r->paths == 1)
		return &r->path[0];
	__u32 point = flow_hash(f) % r->total_weight;
	__u32 upto = 0;
#pragma unroll
	for (int i = 0; i < FP_MAX_PATHS; i++) {
		if (i >= r->paths)
			break;
		upto += r->path[i].weight;
		if (point < upto)
			return &r->path[i];
	}
	return &r->path[0];
}

static __always_inline __u32 l4_ports(void *l4, void *end, __u8 proto)
{
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP && proto != IPPROTO_SCTP)
		return 0;
	__u32 *ports = l4;
	if ((void *)(ports + 1) > end)
		return 0;
	return *ports;
}

/*
 * The common part once the route is found: path, egress interface, neighbour, MTU, MAC rewrite,
 * counters, redirect. dst_family/dst point at the packet's destination, the neighbour of a
 * connected route.
 */
static __always_inline int forward(struct xdp_md *ctx, struct ethhdr *eth, const struct fp_iface *iif,
				   const struct fp_route *r, const struct flow *f, __u8 dst_family,
				   const __u8 *dst, __u32 l3_len, __u64 bytes)
{
	struct fp_counters *in = counters_of(iif);
	if (r->action == FP_DROP) {
		if (in)
			in->rx_dropped++;
		return XDP_DROP;
	}
	if (r->action != FP_FORWARD)
		return exception(iif, bytes);
	const struct fp_path *p = select_path(r, f);
	if (!p)
		return exception(iif, bytes);
	__u32 oif_index = p->ifindex;
	struct fp_iface *oif = bpf_map_lookup_elem(&fp_ifaces, &oif_index);
	if (!oif || !oif->up || oif->vrfid != iif->vrfid)
		return exception(iif, bytes);
	if (l3_len > oif->mtu || (r->mtu && l3_len > r->mtu))
		return exception(iif, bytes); /* Linux sends the ICMP "too big" */

	struct fp_neigh_key nk = { .ifindex = oif_index };
	if (p->family) {
		nk.family = p->family;
		__builtin_memcpy(nk.addr, p->gateway, 16);
	} else {
		nk.family = dst_family;
		if (dst_family == 2)
			__builtin_memcpy(nk.addr, dst, 4);
		else
			__builtin_memcpy(nk.addr, dst, 16);
	}
	struct fp_neigh *n = bpf_map_lookup_elem(&fp_neighs, &nk);
	if (!n)
		return exception(iif, bytes); /* Linux resolves it */

	__builtin_memcpy(eth->h_dest, n->mac, ETH_ALEN);
	__builtin_memcpy(eth->h_source, oif->mac, ETH_ALEN);
	if (in) {
		in->rx_packets++;
		in->rx_bytes += bytes;
	}
	struct fp_counters *out = counters_of(oif);
	if (out) {
		out->tx_packets++;
		out->tx_bytes += bytes;
	}
	return bpf_redirect(oif_index, 0);
}

static __always_inline int ipv4(struct xdp_md *ctx, struct ethhdr *eth, void *end, const struct fp_iface *iif,
				__u64 bytes)
{
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end)
		return exception(iif, bytes);
	if (ip->version != 4 || ip->ihl != 5)
		return exception(iif, bytes); /* options */
	if (ip->frag_off & bpf_htons(0x3fff))
		return exception(iif, bytes); /* a fragment */
	if (ip->ttl <= 1)
		return exception(iif, bytes); /* Linux sends the ICMP time exceeded */
	__u8 first = ((__u8 *)&ip->daddr)[0];
	if (first >= 224 || first == 127 || first == 0)
		return exception(iif, bytes); /* multicast, broadcast, loopback, this network */

	struct fp_lpm4_key key = { .prefixlen = 64, .vrfid = bpf_htonl(iif->vrfid) };
	__builtin_memcpy(key.addr, &ip->daddr, 4);
	struct fp_route *r = bpf_map_lookup_elem(&fp_routes4, &key);
	if (!r)
		return exception(iif, bytes);

	struct flow f = { .proto = ip->protocol };
	f.words[0] = ip->saddr;
	f.words[4] = ip->daddr;
	f.ports = l4_ports(ip + 1, end, ip->protocol);
	__u32 l3_len = bpf_ntohs(ip->tot_len);
	__u8 daddr[4];
	__builtin_memcpy(daddr, &ip->daddr, 4);
	int verdict = forward(ctx, eth, iif, r, &f, 2, daddr, l3_len, bytes);
	if (verdict == XDP_REDIRECT) {
		/* as ip_decrease_ttl(): the checksum's high byte loses one with the TTL */
		__u32 check = (__u32)ip->check + (__u32)bpf_htons(0x0100);
		ip->check = (__u16)(check + (check >= 0xffff));
		ip->ttl--;
	}
	return verdict;
}

static __always_inline int ipv6(struct xdp_md *ctx, struct ethhdr *eth, void *end, const struct fp_iface *iif,
				__u64 bytes)
{
	struct ipv6hdr *ip6 = (void *)(eth + 1);
	if ((void *)(ip6 + 1) > end)
		return exception(iif, bytes);
	if (ip6->version != 6)
		return exception(iif, bytes);
	if (ip6->hop_limit <= 1)
		return exception(iif, bytes);
	__u8 nh = ip6->nexthdr;
	if (nh != IPPROTO_TCP && nh != IPPROTO_UDP && nh != IPPROTO_ICMPV6 && nh != IPPROTO_SCTP)
		return exception(iif, bytes); /* extension headers (hop-by-hop, fragment...) */
	__u8 d0 = ip6->daddr.in6_u.u6_addr8[0], d1 = ip6->daddr.in6_u.u6_addr8[1];
	__u8 s0 = ip6->saddr.in6_u.u6_addr8[0], s1 = ip6->saddr.in6_u.u6_addr8[1];
	if (d0 == 0xff || (d0 == 0xfe && (d1 & 0xc0) == 0x80) || (s0 == 0xfe && (s1 & 0xc0) == 0x80))
		return exception(iif, bytes); /* multicast, link-local: never forwarded */
	if (nh == IPPROTO_ICMPV6) {
		__u8 *type = (void *)(ip6 + 1);
		if ((void *)(type + 1) > end || (*type >= 133 && *type <= 137))
			return exception(iif, bytes); /* neighbour discovery is Linux's */
	}

	struct fp_lpm6_key key = { .prefixlen = 160, .vrfid = bpf_htonl(iif->vrfid) };
	__builtin_memcpy(key.addr, &ip6->daddr, 16);
	struct fp_route *r = bpf_map_lookup_elem(&fp_routes6, &key);
	if (!r)
		return exception(iif, bytes);

	struct flow f = { .proto = nh };
	__builtin_memcpy(&f.words[0], &ip6->saddr, 16);
	__builtin_memcpy(&f.words[4], &ip6->daddr, 16);
	f.ports = l4_ports(ip6 + 1, end, nh);
	__u32 l3_len = bpf_ntohs(ip6->payload_len) + sizeof(*ip6);
	__u8 daddr[16];
	__builtin_memcpy(daddr, &ip6->daddr, 16);
	int verdict = forward(ctx, eth, iif, r, &f, 10, daddr, l3_len, bytes);
	if (verdict == XDP_REDIRECT)
		ip6->hop_limit--;
	return verdict;
}

SEC("xdp")
int fp_xdp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u32 in = ctx->ingress_ifindex;
	struct fp_iface *iif = bpf_map_lookup_elem(&fp_ifaces, &in);
	if (!iif || !iif->forward)
		return XDP_PASS;
	__u64 bytes = end - data;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return exception(iif, bytes);
	if (!same_mac(eth->h_dest, iif->mac))
		return exception(iif, bytes); /* broadcast, multicast, another host's */
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		return ipv4(ctx, eth, end, iif, bytes);
	if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		return ipv6(ctx, eth, end, iif, bytes);
	return exception(iif, bytes); /* ARP, VLAN tags, anything else */
}

/* Attached to the peers of veths the fast path sends to: veth delivers XDP_REDIRECTed frames only
 * to a peer running XDP in native mode. */
SEC("xdp")
int fp_xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
