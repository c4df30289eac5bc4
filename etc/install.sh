#!/bin/bash
# install.sh [DESTDIR]: installs a built distribution as the linux-fp-sync service.
#   /opt/linux-fp-sync                     the Karaf distribution (bin/cmgr.sh, bin/daemonctl ...)
#   /etc/systemd/system/linux-fp-sync.service, linux-fp-sync@.service (instance N: linux-fp-sync@N)
#   /etc/cmgr.env                          kept if it exists (it is the operator's)
#   /usr/sbin/daemonctl                    -> /opt/linux-fp-sync/bin/daemonctl
# Run from the distribution directory (karaf-assembly/distribution/target/assembly) or give
# its path in DIST. Then: systemctl daemon-reload && systemctl enable --now linux-fp-sync.service
set -eu
dest=${1:-}
dist=${DIST:-$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)}
[ -x "$dist/bin/karaf" ] || { echo "install.sh: $dist is not a linux-fp-sync distribution (no bin/karaf)" >&2; exit 1; }

install -d -m 0755 "$dest/opt/linux-fp-sync" "$dest/etc/systemd/system" "$dest/usr/sbin"
cp -a "$dist/." "$dest/opt/linux-fp-sync/"
chmod 0755 "$dest/opt/linux-fp-sync/bin/"*
install -m 0644 "$dist/share/linux-fp-sync.service" "$dest/etc/systemd/system/linux-fp-sync.service"
install -m 0644 "$dist/share/linux-fp-sync@.service" "$dest/etc/systemd/system/linux-fp-sync@.service"
if [ ! -e "$dest/etc/cmgr.env" ]; then
  install -m 0644 "$dist/share/cmgr.env" "$dest/etc/cmgr.env"
fi
ln -sfn /opt/linux-fp-sync/bin/daemonctl "$dest/usr/sbin/daemonctl"
echo "installed linux-fp-sync into ${dest:-/}; now: systemctl daemon-reload && systemctl enable --now linux-fp-sync.service"
