#!/bin/bash
# The partition SDK as a user gets it, on the build machine (make
# sdk-check; the lab part is tests/e2e/sdk.sh):
#   - make install DESTDIR=... installs the SDK's files, and pkg-config
#     finds sparecore-partition there (PKG_CONFIG_PATH, PKG_CONFIG_SYSROOT_DIR);
#   - the examples, copied out of the tree, build with nothing but
#     `cc $(pkg-config --cflags --libs sparecore-partition) app.c`, into
#     BUILD/examples/ (which the lab carries);
#   - each is a partition image: the sparecore note, the installed
#     sparecore's --dry-run accepts it, and the shell is not in it;
#   - a program without main() fails to link, naming main.
# Usage: check.sh BUILD   (from the repository's top folder)
set -u
BUILD=$(cd "$1" && pwd)
MAKE=${MAKE:-make}
PASS=0
FAILED=0
T=$(mktemp -d /tmp/sc-sdk-check.XXXXXX)
trap 'rm -rf "$T"' EXIT

ok()   { PASS=$((PASS + 1)); echo "ok - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }

D=$T/dest
P=usr/local
check "make install DESTDIR=..." $MAKE -s install DESTDIR="$D"
for f in lib/sparecore/libsparecore-partition.a lib/sparecore/sparecore-partition.ld \
	include/sparecore/partition.h lib/pkgconfig/sparecore-partition.pc; do
	check "installed $P/$f" test -s "$D/$P/$f"
done

export PKG_CONFIG_PATH=$D/$P/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D
check "pkg-config knows sparecore-partition" pkg-config --exists sparecore-partition
flags=$(pkg-config --cflags --libs sparecore-partition)
echo "    $flags"
check "its flags point into the install" bash -c \
	'[[ "$1" == *"-I$2/include"* ]] && [[ "$1" == *"-L$2/lib/sparecore"* ]]' _ "$flags" "$D/$P"

# Out of the tree: only the example's source, in a folder of its own.
mkdir -p "$T/src" "$BUILD/examples"
cp examples/*.c "$T/src/"
cpu=$(ls -d /sys/devices/system/cpu/cpu[0-9]* | sed 's/.*cpu//' | sort -n | tail -1)
for src in "$T"/src/*.c; do
	name=$(basename "$src" .c)
	elf=$BUILD/examples/$name.elf
	rm -f "$elf"
	check "$name.c builds from the installed SDK" bash -c \
		'cd "$1" && cc $(pkg-config --cflags --libs sparecore-partition) -O2 -Wall -Wextra -Werror \
			"$2" -o "$3"' _ "$T/src" "$name.c" "$elf"
	check "$name.elf has the sparecore note" bash -c \
		'readelf -n "$1" | grep -q "^  sparecore "' _ "$elf"
	check "$name.elf: installed sparecore run --dry-run accepts it" bash -c \
		'"$1" run --cpu "$2" --dry-run "$3" 2>&1 | grep -q "^run: ok: CPU $2, 64 MiB, image $3 "' _ \
		"$D/$P/sbin/sparecore" "$cpu" "$elf"
	check "$name.elf has the runtime but not the shell" bash -c \
		'nm "$1" | grep -qw sc_exit && ! nm "$1" | grep -qw shell_run' _ "$elf"
done

printf '#include <sparecore/partition.h>\nint not_main(void) { return 0; }\n' >"$T/src/nomain.c"
check "a program without main() does not link, and ld says main" bash -c \
	'cd "$1" && ! cc $(pkg-config --cflags --libs sparecore-partition) nomain.c -o nomain.elf \
		2>nomain.err && grep -q "undefined reference to .main" nomain.err' _ "$T/src"

echo "sdk-check: $PASS passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
