/*
 * udp-first ADDR PORT IFNAME TIMEOUT_S: waits for the first UDP datagram to ADDR:PORT that arrives
 * on interface IFNAME and prints when it came (CLOCK_REALTIME, nanoseconds), or "timeout". bench/run
 * times a route change with it: the first packet on the new path.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: udp-first ADDR PORT IFNAME TIMEOUT_S\n");
		return 2;
	}
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])) };
	if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
		fprintf(stderr, "udp-first: not an IPv4 address: %s\n", argv[1]);
		return 2;
	}
	unsigned int ifindex = if_nametoindex(argv[3]);
	if (!ifindex) {
		fprintf(stderr, "udp-first: no interface %s\n", argv[3]);
		return 2;
	}
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	int on = 1;
	struct timeval timeout = { .tv_sec = atoi(argv[4]) };
	if (fd < 0 || setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)) < 0
	    || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) < 0
	    || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("udp-first: socket");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	char buf[2048], control[256];
	for (;;) {
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
				      .msg_controllen = sizeof(control) };
		if (recvmsg(fd, &msg, 0) < 0) {
			printf("timeout\n");
			return 1;
		}
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
			if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
				struct in_pktinfo *info = (struct in_pktinfo *)CMSG_DATA(c);
				if ((unsigned int)info->ipi_ifindex == ifindex) {
					printf("%lld\n", (long long)t.tv_sec * 1000000000LL + t.tv_nsec);
					return 0;
				}
			}
		}
	}
}
