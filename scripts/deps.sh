#!/bin/bash
# Install the Debian packages sparecore needs to build, test and run the lab.
# Idempotent: packages already present are skipped, apt runs only if needed.
# QEMU comes from bookworm-backports (QEMU 10): x2APIC under TCG needs it.
# The backports entry is derived from this machine's own Debian source entry,
# so no archive address is written here.
set -euo pipefail

PKGS=(build-essential make gcc clang-14 libclang-rt-14-dev binutils
      linux-image-amd64 linux-headers-amd64 busybox-static cpio
      libelf-dev libcunit1-dev liburing-dev libck-dev acpica-tools
      kmod gnuplot-nox libinih-dev libjson-c-dev stress-ng
      dkms openssl man-db groff-base systemd logrotate)

if [ "$(id -u)" != 0 ]; then
	echo "deps: must run as root to install packages" >&2
	exit 1
fi

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done

need_qemu=1
if command -v qemu-system-x86_64 >/dev/null; then
	v=$(qemu-system-x86_64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
	[ "${v:-0}" -ge 8 ] && need_qemu=0
fi

if [ ${#missing[@]} -eq 0 ] && [ $need_qemu = 0 ]; then
	echo "deps: all present"
	exit 0
fi

bp=/etc/apt/sources.list.d/sparecore-backports.sources
if [ $need_qemu = 1 ] && [ ! -f "$bp" ]; then
	# Take the URIs of the entry that carries the plain "bookworm" suite.
	uri=""
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		uri=$(awk '/^URIs:/{u=$2} /^Suites:/{for(i=2;i<=NF;i++) if($i=="bookworm"){print u; exit}}' \
			/etc/apt/sources.list.d/debian.sources)
	fi
	if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
		uri=$(awk '$1=="deb" && $3=="bookworm"{print $2; exit}' /etc/apt/sources.list)
	fi
	if [ -z "$uri" ]; then
		echo "deps: cannot find this machine's Debian bookworm source entry" >&2
		exit 1
	fi
	printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$uri" >"$bp"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
[ ${#missing[@]} -gt 0 ] && apt-get install -y -q --no-install-recommends "${missing[@]}"
if [ $need_qemu = 1 ]; then
	apt-get install -y -q --no-install-recommends -t bookworm-backports qemu-system-x86
fi
echo "deps: done"
