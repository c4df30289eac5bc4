/*
 * nl-count: the C baseline of the benchmarks (bench/README.md). It joins a network namespace,
 * subscribes to the rtnetlink groups the cache manager's core follows (links, IPv4/IPv6
 * addresses, routes and rules, neighbours) and only receives and counts: the least CPU a
 * listener can spend per kernel event. On SIGUSR1 it prints one line
 *     messages <n> datagrams <n> bytes <n> enobufs <n>
 * (totals since the start), on SIGTERM the same line, then exits.
 *
 * With a second argument, a file: SIGUSR2 starts marking, and SIGUSR2 again stops it, writes to
 * that file one line "<i> <ns>" per IPv4 /32 route 30.x.y.z (i = x << 16 | y << 8 | z, the
 * latency block of the harness) first notified meanwhile, ns its CLOCK_MONOTONIC time of
 * reception (the clock of Java's System.nanoTime), and prints "marks <count>". Only while marking
 * does it read more than the message headers: the CPU baseline is untouched.
 *
 *     gcc -O2 -o nl-count nl-count.c && nl-count /run/netns/<name> [marks-file]   (with nl-listen.h beside it)
 */
#include "nl-listen.h"

#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARKS (1 << 22)

static volatile sig_atomic_t report, stop, toggle;

static void on_signal(int sig) {
    if (sig == SIGUSR1)
        report = 1;
    else if (sig == SIGUSR2)
        toggle = 1;
    else
        stop = 1;
}

/* Notes the reception time of the latency block's routes in one datagram. */
static void mark(long long *marks, char *buf, ssize_t n) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long now = ts.tv_sec * 1000000000LL + ts.tv_nsec;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n)) {
        if (h->nlmsg_type != RTM_NEWROUTE)
            continue;
        struct rtmsg *r = NLMSG_DATA(h);
        if (r->rtm_family != AF_INET || r->rtm_dst_len != 32)
            continue;
        int len = RTM_PAYLOAD(h);
        for (struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
            if (a->rta_type == RTA_DST && RTA_PAYLOAD(a) == 4) {
                unsigned char *d = RTA_DATA(a);
                unsigned i = (unsigned)d[1] << 16 | (unsigned)d[2] << 8 | d[3];
                if (d[0] == 30 && i < MARKS && marks[i] == 0)
                    marks[i] = now;
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: nl-count /run/netns/<name> [marks-file]\n");
        return 2;
    }
    long long *marks = argc == 3 ? calloc(MARKS, sizeof *marks) : NULL;
    int marking = 0;
    int groups[] = { RTNLGRP_LINK, RTNLGRP_NEIGH, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV4_RULE,
                     RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV6_ROUTE, RTNLGRP_IPV6_RULE };
    int fd = nl_listen(argv[1], NETLINK_ROUTE, groups, sizeof groups / sizeof groups[0]);
    if (fd < 0)
        return 1;
    nl_signals_then_ready(on_signal, 1);

    static char buf[1 << 20];
    struct nl_counts c = { 0 };
    while (!stop) {
        if (report) {
            report = 0;
            printf("messages %llu datagrams %llu bytes %llu enobufs %llu\n", c.messages, c.datagrams, c.bytes,
                   c.enobufs);
            fflush(stdout);
        }
        if (toggle && marks) {
            toggle = 0;
            marking = !marking;
            if (!marking) {
                FILE *f = fopen(argv[2], "w");
                long count = 0;
                for (unsigned i = 0; f && i < MARKS; i++) {
                    if (marks[i]) {
                        fprintf(f, "%u %lld\n", i, marks[i]);
                        marks[i] = 0;
                        count++;
                    }
                }
                if (f)
                    fclose(f);
                printf("marks %ld\n", f ? count : -1L);
                fflush(stdout);
            }
        }
        ssize_t n = nl_receive(fd, buf, sizeof buf, &c);
        if (n < 0)
            return 1;
        if (n == 0)
            continue;
        if (marking)
            mark(marks, buf, n);
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n))
            c.messages++;
    }
    printf("messages %llu datagrams %llu bytes %llu enobufs %llu\n", c.messages, c.datagrams, c.bytes, c.enobufs);
    fflush(stdout);
    return 0;
}
