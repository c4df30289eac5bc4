/*
 * ct-count: the C baseline of the conntrack benchmark (bench/README.md). It joins a network
 * namespace, subscribes to the conntrack event groups the cache manager's conntrack sync follows
 * (NFNLGRP_CONNTRACK_NEW, _UPDATE, _DESTROY) with the same 64 MB receive buffer as nl-count, and
 * only receives and counts: the least CPU a listener can spend per conntrack event. It reads no
 * more than each message's header: NEW (IPCTNL_MSG_CT_NEW with NLM_F_CREATE), UPDATE (the same
 * without it) and DESTROY (IPCTNL_MSG_CT_DELETE) are told apart by type and flags. On SIGUSR1 it
 * prints one line
 *     messages <n> datagrams <n> bytes <n> enobufs <n> new <n> update <n> destroy <n>
 * (totals since the start), on SIGTERM the same line, then exits.
 *
 *     gcc -O2 -o ct-count ct-count.c && ct-count /run/netns/<name>
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netlink.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t report, stop;

static void on_signal(int sig) {
    if (sig == SIGUSR1)
        report = 1;
    else
        stop = 1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: ct-count /run/netns/<name>\n");
        return 2;
    }
    int nsfd = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) < 0) {
        perror(argv[1]);
        return 1;
    }
    close(nsfd);
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
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
    int groups[] = { NFNLGRP_CONNTRACK_NEW, NFNLGRP_CONNTRACK_UPDATE, NFNLGRP_CONNTRACK_DESTROY };
    for (unsigned i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &groups[i], sizeof groups[i]) < 0) {
            perror("NETLINK_ADD_MEMBERSHIP");
            return 1;
        }
    }
    struct sigaction act = { .sa_handler = on_signal }; /* no SA_RESTART: recv returns EINTR */
    sigemptyset(&act.sa_mask);
    sigaction(SIGUSR1, &act, NULL);
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    printf("ready\n");
    fflush(stdout);

    static char buf[1 << 20];
    unsigned long long messages = 0, datagrams = 0, bytes = 0, enobufs = 0, created = 0, updated = 0, destroyed = 0;
    const unsigned new_type = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_NEW;
    const unsigned delete_type = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_DELETE;
    while (!stop) {
        if (report) {
            report = 0;
            printf("messages %llu datagrams %llu bytes %llu enobufs %llu new %llu update %llu destroy %llu\n",
                   messages, datagrams, bytes, enobufs, created, updated, destroyed);
            fflush(stdout);
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
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n)) {
            messages++;
            if (h->nlmsg_type == new_type) {
                if (h->nlmsg_flags & NLM_F_CREATE)
                    created++;
                else
                    updated++;
            } else if (h->nlmsg_type == delete_type) {
                destroyed++;
            }
        }
    }
    printf("messages %llu datagrams %llu bytes %llu enobufs %llu new %llu update %llu destroy %llu\n", messages,
           datagrams, bytes, enobufs, created, updated, destroyed);
    fflush(stdout);
    return 0;
}
