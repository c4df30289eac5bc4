#!/usr/bin/env bash
# Compiles the XDP program: build-bpf.sh SOURCE.bpf.c OUTPUT.bpf.o
# Needs clang (with the bpf target) and the headers of libbpf-dev and linux-libc-dev (.ci/run installs them).
set -euo pipefail
src=$1 out=$2
if ! command -v clang >/dev/null; then
  echo "fp-xdp: clang is missing: the XDP program cannot be built (apt-get install clang libbpf-dev)" >&2
  exit 1
fi
if [ ! -f /usr/include/bpf/bpf_helpers.h ]; then
  echo "fp-xdp: /usr/include/bpf/bpf_helpers.h is missing: the XDP program cannot be built (apt-get install libbpf-dev)" >&2
  exit 1
fi
multiarch=$(gcc -print-multiarch 2>/dev/null || echo "$(uname -m)-linux-gnu")
mkdir -p "$(dirname "$out")"
clang -O2 -g -Wall -Werror -target bpf -I"/usr/include/$multiarch" -c "$src" -o "$out"
