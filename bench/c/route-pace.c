/*
 * route-pace: the latency block's load (bench/README.md, "latency"). In a network namespace, adds
 * the IPv4 /32 routes <octet>.x.y.z (i = x << 16 | y << 8 | z, i < count) via 10.0.0.2 dev v0 one
 * at a time at <rate> per second, paced by CLOCK_MONOTONIC (never faster), each an RTM_NEWROUTE
 * with an acknowledgement awaited, as `ip route add` sends it. Writes to <out> one line
 * "<i> <due> <sent> <acked>" per route, CLOCK_MONOTONIC (Java's System.nanoTime): when it was due,
 * just before its request was sent (the kernel's change), when its acknowledgement was received.
 * `ip -batch -` fed line by line measured from the write of the line: a queue in front of the
 * kernel, whose wait was counted as latency whenever `ip` lost the CPU (bench/README.md).
 *
 *     gcc -O2 -o route-pace route-pace.c && route-pace /run/netns/<name> <count> <rate> <octet> <out>
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void attr(struct nlmsghdr *h, unsigned short type, const void *data, unsigned short len) {
    struct rtattr *a = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
    a->rta_type = type;
    a->rta_len = RTA_LENGTH(len);
    memcpy(RTA_DATA(a), data, len);
    h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: route-pace /run/netns/<name> <count> <rate> <octet> <out>\n");
        return 2;
    }
    int count = atoi(argv[2]), rate = atoi(argv[3]), octet = atoi(argv[4]);
    int nsfd = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) < 0) {
        perror(argv[1]);
        return 1;
    }
    close(nsfd);
    int oif = (int)if_nametoindex("v0");
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    if (oif == 0 || fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        perror("v0 or netlink socket");
        return 1;
    }
    long long *sent = calloc(count, sizeof *sent), *acked = calloc(count, sizeof *acked);
    FILE *out = fopen(argv[5], "w");
    if (!sent || !acked || !out) {
        perror(argv[5]);
        return 1;
    }
    struct in_addr gw;
    inet_pton(AF_INET, "10.0.0.2", &gw);
    long long period = 1000000000LL / rate, t0 = now() + 10000000LL;
    union {
        struct nlmsghdr h;
        char b[256];
    } req;
    static char ack[8192];
    for (int i = 0; i < count; i++) {
        long long due = t0 + i * period;
        struct timespec ts = { .tv_sec = due / 1000000000LL, .tv_nsec = due % 1000000000LL };
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
            ;
        memset(&req, 0, sizeof req);
        req.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg));
        req.h.nlmsg_type = RTM_NEWROUTE;
        req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
        req.h.nlmsg_seq = (unsigned)i + 1;
        struct rtmsg *r = NLMSG_DATA(&req.h);
        r->rtm_family = AF_INET;
        r->rtm_dst_len = 32;
        r->rtm_table = RT_TABLE_MAIN;
        r->rtm_protocol = RTPROT_BOOT;
        r->rtm_scope = RT_SCOPE_UNIVERSE;
        r->rtm_type = RTN_UNICAST;
        unsigned char dst[4] = { (unsigned char)octet, (unsigned char)(i >> 16), (unsigned char)(i >> 8),
                                 (unsigned char)i };
        attr(&req.h, RTA_DST, dst, 4);
        attr(&req.h, RTA_GATEWAY, &gw, 4);
        attr(&req.h, RTA_OIF, &oif, 4);
        sent[i] = now();
        if (send(fd, &req, req.h.nlmsg_len, 0) < 0) {
            perror("send");
            return 1;
        }
        ssize_t n = recv(fd, ack, sizeof ack, 0);
        acked[i] = now();
        struct nlmsghdr *h = (struct nlmsghdr *)ack;
        if (n < 0 || !NLMSG_OK(h, (unsigned)n) || h->nlmsg_type != NLMSG_ERROR || h->nlmsg_seq != (unsigned)i + 1) {
            fprintf(stderr, "route-pace: no acknowledgement for route %d\n", i);
            return 1;
        }
        int err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
        if (err) {
            fprintf(stderr, "route-pace: route %d: %s\n", i, strerror(-err));
            return 1;
        }
    }
    for (int i = 0; i < count; i++)
        fprintf(out, "%d %lld %lld %lld\n", i, t0 + i * period, sent[i], acked[i]);
    return fclose(out) == 0 ? 0 : 1;
}
