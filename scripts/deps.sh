#!/bin/bash
# Install the Debian packages sparecore needs to build, test and run the lab.
# Idempotent: packages already present are skipped, apt runs only if needed.
# QEMU comes from bookworm-backports (QEMU 10): x2APIC under TCG needs it;
# so do the 6.12 kernels (generic and PREEMPT_RT) the tests also run on.
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

# The 6.12 kernels (Debian 13's series, from bookworm-backports), generic
# and PREEMPT_RT, each with its headers: the module is built for them and the
# lab boots them. Present when /boot and /lib/modules/VERSION/build have one.
have_kernel() {   # have_kernel REGEX
	local v
	for v in $(ls /lib/modules 2>/dev/null | grep -E -- "$1"); do
		[ -r "/boot/vmlinuz-$v" ] && [ -d "/lib/modules/$v/build" ] && return 0
	done
	return 1
}
need_612=0
have_kernel '^6\.12\.[^ ]*[0-9]-amd64$' || need_612=1
have_kernel '^6\.12\.[^ ]*-rt-amd64$' || need_612=1

if [ ${#missing[@]} -eq 0 ] && [ $need_qemu = 0 ] && [ $need_612 = 0 ]; then
	echo "deps: all present"
	exit 0
fi

bp=/etc/apt/sources.list.d/sparecore-backports.sources
if { [ $need_qemu = 1 ] || [ $need_612 = 1 ]; } && [ ! -f "$bp" ]; then
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
if [ $need_612 = 1 ]; then
	# The versioned packages that backports' metapackages point at, installed
	# by name: installing the metapackages themselves would move this
	# machine's default kernel (linux-image-amd64) off Debian 12's 6.1.
	kpkgs=()
	for meta in linux-image-amd64 linux-headers-amd64 linux-image-rt-amd64 linux-headers-rt-amd64; do
		ver=$(apt-cache madison "$meta" | awk -F' *[|] *' '$3 ~ /bookworm-backports/ {print $2; exit}')
		dep=$(apt-cache show "$meta=$ver" 2>/dev/null |
			sed -n 's/^Depends: \(linux-\(image\|headers\)-6\.12[^ ,]*\).*/\1/p' | head -1)
		if [ -z "$ver" ] || [ -z "$dep" ]; then
			echo "deps: bookworm-backports has no 6.12 $meta" >&2
			exit 1
		fi
		kpkgs+=("$dep")
	done
	apt-get install -y -q --no-install-recommends -t bookworm-backports "${kpkgs[@]}"
fi
echo "deps: done"
