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
 *     gcc -O2 -o nl-count nl-count.c && nl-count /run/netns/<name> [marks-file]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

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
    int nsfd = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) < 0) {
        perror(argv[1]);
        return 1;
    }
    close(nsfd);
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    int rcvbuf = 64 << 20; /* the cache manager's bound (-l, 64M) */
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    /* A signal between the check of "report" and recv() would wait for the next message: wake up. */
    struct timeval tick = { .tv_sec = 0, .tv_usec = 20000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick);
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        perror("bind");
        return 1;
    }
    int groups[] = { RTNLGRP_LINK, RTNLGRP_NEIGH, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV4_RULE,
                     RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV6_ROUTE, RTNLGRP_IPV6_RULE };
    for (unsigned i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &groups[i], sizeof groups[i]) < 0) {
            perror("NETLINK_ADD_MEMBERSHIP");
            return 1;
        }
    }
    struct sigaction act = { .sa_handler = on_signal }; /* no SA_RESTART: recv returns EINTR */
    sigemptyset(&act.sa_mask);
    sigaction(SIGUSR1, &act, NULL);
    sigaction(SIGUSR2, &act, NULL);
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    printf("ready\n");
    fflush(stdout);

    static char buf[1 << 20];
    unsigned long long messages = 0, datagrams = 0, bytes = 0, enobufs = 0;
    while (!stop) {
        if (report) {
            report = 0;
            printf("messages %llu datagrams %llu bytes %llu enobufs %llu\n", messages, datagrams, bytes, enobufs);
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
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n < 0) {
            if (errno == ENOBUFS)
                enobufs++;
            else if (errno != EINTR && errno != EAGAIN) {
                perror("recv");
                return 1;
            }
            continue;
        }
        datagrams++;
        bytes += (unsigned long long)n;
        if (marking)
            mark(marks, buf, n);
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n))
            messages++;
    }
    printf("messages %llu datagrams %llu bytes %llu enobufs %llu\n", messages, datagrams, bytes, enobufs);
    fflush(stdout);
    return 0;
}
