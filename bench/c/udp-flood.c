/*
 * udp-flood DST PORT SECONDS [GAP_US]: sends small UDP datagrams (60-byte frames) to DST:PORT for
 * SECONDS, as fast as sendmmsg goes (GAP_US 0) or one every GAP_US microseconds; prints the number
 * sent. The packet source of bench/run's XDP forwarding rows (bench/README.md).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: udp-flood DST PORT SECONDS [GAP_US]\n");
		return 2;
	}
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])) };
	if (inet_pton(AF_INET, argv[1], &dst.sin_addr) != 1) {
		fprintf(stderr, "udp-flood: not an IPv4 address: %s\n", argv[1]);
		return 2;
	}
	double seconds = atof(argv[3]);
	long gap_us = argc > 4 ? atol(argv[4]) : 0;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&dst, sizeof(dst)) < 0) {
		perror("udp-flood: socket");
		return 1;
	}
	char payload[18] = "linux-fp-sync";
	struct iovec iov = { .iov_base = payload, .iov_len = sizeof(payload) };
	struct mmsghdr msgs[BATCH];
	memset(msgs, 0, sizeof(msgs));
	for (int i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	long sent = 0;
	double end = now() + seconds;
	while (now() < end) {
		if (gap_us > 0) {
			if (send(fd, payload, sizeof(payload), 0) == sizeof(payload))
				sent++;
			struct timespec gap = { .tv_sec = gap_us / 1000000, .tv_nsec = (gap_us % 1000000) * 1000 };
			nanosleep(&gap, NULL);
		} else {
			int n = sendmmsg(fd, msgs, BATCH, 0);
			if (n > 0)
				sent += n;
		}
	}
	printf("%ld\n", sent);
	return 0;
}
