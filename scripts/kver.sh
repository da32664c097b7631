#!/bin/bash
# Which kernel the module is built for, and the lab boots, when KVER is not
# given. Prints the version on stdout; with --why, one sentence saying why.
#
#   1. KVER in the environment: the caller chose.
#   2. The running kernel (`uname -r`) when its headers are installed: on a
#      real host the module must load into the kernel that runs now, not into
#      a newer one that is installed but not booted yet.
#   3. Otherwise (a build machine or CI whose own kernel has no Debian
#      headers): Debian 12's own kernel, the newest generic 6.1 (-amd64) that
#      has its image and headers, which is what the lab boots by default.
#   4. Failing that, the newest generic -amd64 kernel with image and headers.
# Usage: scripts/kver.sh [--why]
set -euo pipefail

has() { [ -d "/lib/modules/$1/build" ]; }
booted() { [ -r "/boot/vmlinuz-$1" ]; }
newest() {   # newest version matching the pattern, with image and headers
	local v
	for v in $(ls /lib/modules 2>/dev/null | grep -E -- "$1" | sort -V -r); do
		if has "$v" && booted "$v"; then echo "$v"; return 0; fi
	done
	return 1
}

ver="" why=""
if [ -n "${KVER:-}" ]; then
	ver=$KVER why="KVER=$KVER was given"
elif has "$(uname -r)"; then
	ver=$(uname -r) why="the running kernel, whose headers are installed"
elif ver=$(newest '^6\.1\.[0-9.-]*-amd64$'); then
	why="no headers for the running kernel $(uname -r); Debian 12's own kernel, which the lab boots"
elif ver=$(newest '^[0-9.]+[^ ]*-amd64$'); then
	why="no headers for the running kernel $(uname -r) and no 6.1; the newest generic kernel with headers"
else
	echo "kver: no kernel with both /boot/vmlinuz-VERSION and /lib/modules/VERSION/build: run 'make deps'" >&2
	exit 1
fi
if [ "${1:-}" = --why ]; then echo "$why"; else echo "$ver"; fi
