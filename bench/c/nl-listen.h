/*
 * What the C baselines nl-count and ct-count share (bench/README.md): a netlink socket that
 * listens in a network namespace with the cache manager's receive buffer bound, and one receive.
 * Included by each (a header of static functions: bench/run compiles each file alone).
 */
#ifndef NL_LISTEN_H
#define NL_LISTEN_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/*
 * Enters the namespace /run/netns/<name> given as path, opens a socket of the netlink protocol,
 * and joins the groups. Returns the socket, or -1 once perror said why.
 */
static int nl_listen(const char *netns_path, int protocol, const int *groups, unsigned count) {
    int nsfd = open(netns_path, O_RDONLY | O_CLOEXEC);
    if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) < 0) {
        perror(netns_path);
        return -1;
    }
    close(nsfd);
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
    if (fd < 0) {
        perror("socket");
        return -1;
    }
    int rcvbuf = 64 << 20; /* the cache manager's bound (-l, 64M) */
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    /* A signal between the caller's look at its flags and recv() would wait for the next message: wake up. */
    struct timeval tick = { .tv_sec = 0, .tv_usec = 20000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick);
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        perror("bind");
        return -1;
    }
    for (unsigned i = 0; i < count; i++) {
        if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &groups[i], sizeof groups[i]) < 0) {
            perror("NETLINK_ADD_MEMBERSHIP");
            return -1;
        }
    }
    return fd;
}

/*
 * Installs handler for SIGUSR1, SIGTERM and SIGINT (and SIGUSR2 if asked) without SA_RESTART, so
 * that recv returns EINTR, then tells the harness, which waits for it, "ready".
 */
static void nl_signals_then_ready(void (*handler)(int), int with_usr2) {
    struct sigaction act = { .sa_handler = handler };
    sigemptyset(&act.sa_mask);
    sigaction(SIGUSR1, &act, NULL);
    if (with_usr2)
        sigaction(SIGUSR2, &act, NULL);
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    printf("ready\n");
    fflush(stdout);
}

/* What a baseline counts of what it received, totals since its start. */
struct nl_counts {
    unsigned long long messages, datagrams, bytes, enobufs;
};

/*
 * One datagram into buf, counted: its length; 0 after a signal, the tick or an overflow (counted
 * as enobufs); -1 once perror said why it cannot go on.
 */
static ssize_t nl_receive(int fd, char *buf, size_t size, struct nl_counts *counts) {
    ssize_t n = recv(fd, buf, size, 0);
    if (n > 0) {
        counts->datagrams++;
        counts->bytes += (unsigned long long)n;
        return n;
    }
    if (n < 0 && errno == ENOBUFS)
        counts->enobufs++;
    else if (n < 0 && errno != EINTR && errno != EAGAIN) {
        perror("recv");
        return -1;
    }
    return 0;
}

#endif
