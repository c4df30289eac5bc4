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
 *     gcc -O2 -o ct-count ct-count.c && ct-count /run/netns/<name>   (with nl-listen.h beside it)
 */
#include "nl-listen.h"

#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <string.h>

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
    int groups[] = { NFNLGRP_CONNTRACK_NEW, NFNLGRP_CONNTRACK_UPDATE, NFNLGRP_CONNTRACK_DESTROY };
    int fd = nl_listen(argv[1], NETLINK_NETFILTER, groups, sizeof groups / sizeof groups[0]);
    if (fd < 0)
        return 1;
    nl_signals_then_ready(on_signal, 0);

    static char buf[1 << 20];
    struct nl_counts c = { 0 };
    unsigned long long created = 0, updated = 0, destroyed = 0;
    const unsigned new_type = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_NEW;
    const unsigned delete_type = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_DELETE;
    while (!stop) {
        if (report) {
            report = 0;
            printf("messages %llu datagrams %llu bytes %llu enobufs %llu new %llu update %llu destroy %llu\n",
                   c.messages, c.datagrams, c.bytes, c.enobufs, created, updated, destroyed);
            fflush(stdout);
        }
        ssize_t n = nl_receive(fd, buf, sizeof buf, &c);
        if (n < 0)
            return 1;
        if (n == 0)
            continue;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n)) {
            c.messages++;
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
    printf("messages %llu datagrams %llu bytes %llu enobufs %llu new %llu update %llu destroy %llu\n", c.messages,
           c.datagrams, c.bytes, c.enobufs, created, updated, destroyed);
    fflush(stdout);
    return 0;
}
