/*
 * ct-flows: the load of the conntrack benchmark (bench/README.md). Real flows between two network
 * namespaces, as fast as the kernel takes them, for the server namespace's conntrack to track:
 *
 *   - UDP: each worker sends one datagram to each of <udp>/<workers> destination ports of the server
 *     (1024 up), from sockets of its own (a new source port every 60,000 destinations): one new
 *     flow per datagram, never answered (a one-way stream, as a DNS query without its answer);
 *   - TCP: each worker opens <tcp>/<workers> connections to port 7 of the server, one after the
 *     other: handshake, one byte sent, the server's acceptors read it and close, the client reads
 *     the end and closes (FIN both ways): a whole connection per flow.
 *
 * The listening socket is made in the server's namespace, then <workers> processes in the client's
 * namespace share the flows, the UDP and TCP ones interleaved. At the end it prints one line
 *     udp <sent> tcp <connections completed> failed <n> nanos <wall time from first to last flow>
 * and exits 0 (1 on a setup error).
 *
 *     gcc -O2 -o ct-flows ct-flows.c
 *     ct-flows /run/netns/<client> /run/netns/<server> <server-ip> <udp> <tcp> <workers>
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TCP_PORT 7
#define ACCEPTORS 2
#define PORTS_PER_SOCKET 60000

struct counts {
    long udp, tcp, failed;
};

static int join(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
        perror(path);
        return -1;
    }
    close(fd);
    return 0;
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void acceptor(int listener) {
    char b;
    for (;;) {
        int c = accept(listener, NULL, NULL);
        if (c < 0)
            continue;
        (void)!recv(c, &b, 1, 0);
        close(c);
    }
}

static int tcp_flow(struct sockaddr_in *server) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    char b = 'x';
    int ok = connect(s, (struct sockaddr *)server, sizeof *server) == 0 && send(s, &b, 1, 0) == 1
             && recv(s, &b, 1, 0) == 0;
    close(s);
    return ok ? 0 : -1;
}

static void worker(struct sockaddr_in server, long udp, long tcp, struct counts *out) {
    int s = -1;
    long max = udp > tcp ? udp : tcp;
    for (long i = 0; i < max; i++) {
        if (i < udp) {
            if (i % PORTS_PER_SOCKET == 0) {
                if (s >= 0)
                    close(s);
                s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            }
            struct sockaddr_in to = server;
            to.sin_port = htons(1024 + i % PORTS_PER_SOCKET);
            if (s >= 0 && sendto(s, "x", 1, 0, (struct sockaddr *)&to, sizeof to) == 1)
                out->udp++;
            else
                out->failed++;
        }
        if (i < tcp) {
            if (tcp_flow(&server) == 0)
                out->tcp++;
            else
                out->failed++;
        }
    }
    if (s >= 0)
        close(s);
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: ct-flows /run/netns/<client> /run/netns/<server> <server-ip> <udp> <tcp> <workers>\n");
        return 2;
    }
    long udp = atol(argv[4]), tcp = atol(argv[5]);
    int workers = atoi(argv[6]);
    struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons(TCP_PORT) };
    if (inet_pton(AF_INET, argv[3], &server.sin_addr) != 1 || udp < 0 || tcp < 0 || workers < 1 || workers > 64) {
        fprintf(stderr, "ct-flows: bad arguments\n");
        return 2;
    }
    if (join(argv[2]) < 0)
        return 1;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(TCP_PORT) };
    if (listener < 0 || bind(listener, (struct sockaddr *)&any, sizeof any) < 0 || listen(listener, 4096) < 0) {
        perror("listen");
        return 1;
    }
    pid_t acceptors[ACCEPTORS];
    for (int i = 0; i < ACCEPTORS; i++) {
        acceptors[i] = fork();
        if (acceptors[i] == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlives the harness */
            acceptor(listener);
            _exit(0);
        }
    }
    close(listener);
    if (join(argv[1]) < 0)
        return 1;
    struct counts *c = mmap(NULL, sizeof *c * workers, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (c == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memset(c, 0, sizeof *c * workers);
    long long t0 = now_ns();
    for (int w = 0; w < workers; w++) {
        if (fork() == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            worker(server, udp / workers + (w < udp % workers), tcp / workers + (w < tcp % workers), &c[w]);
            _exit(0);
        }
    }
    for (int w = 0; w < workers; w++)
        wait(NULL);
    long long t1 = now_ns();
    for (int i = 0; i < ACCEPTORS; i++) {
        kill(acceptors[i], SIGKILL);
        waitpid(acceptors[i], NULL, 0);
    }
    struct counts total = { 0, 0, 0 };
    for (int w = 0; w < workers; w++) {
        total.udp += c[w].udp;
        total.tcp += c[w].tcp;
        total.failed += c[w].failed;
    }
    printf("udp %ld tcp %ld failed %ld nanos %lld\n", total.udp, total.tcp, total.failed, t1 - t0);
    return 0;
}
