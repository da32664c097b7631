#!/bin/bash
# Packaging checks, run on the build machine by `make install-test`:
#   - make install DESTDIR=... installs exactly the expected files,
#     and the installed sparecore finds its image and speaks its version;
#   - the man pages render without a warning (man, groff -ww), and
#     sparecore(8) documents the named partitions' commands, files,
#     environment and every key of status --json;
#   - systemd-analyze verify accepts the unit, installed with a PREFIX
#     under a temporary folder so its ExecStart exists, and its command
#     line finds the partition's config by name (--dry-run);
#   - the bash completion parses and completes: commands, each command's
#     options, partition names from the config, run and log folders;
#   - the DKMS tree builds the module alone: plain Kbuild against a copy,
#     and dkms itself in a private dkms tree;
#   - make uninstall leaves no file behind.
# A check whose tool is missing fails: nothing is skipped in silence.
# Usage: check.sh VERSION KVER   (from the repository's top folder)
set -u
VERSION=$1
KVER=$2
KDIR=/lib/modules/$KVER/build
MAKE=${MAKE:-make}
PASS=0
FAILED=0
T=$(mktemp -d /tmp/sc-install-test.XXXXXX)
trap 'rm -rf "$T"' EXIT

ok()   { PASS=$((PASS + 1)); echo "ok - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; }
# check "description" command...: passes if the command succeeds.
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }
# quiet "description" command...: passes if it succeeds and prints nothing.
quiet() {
	local d=$1 out; shift
	if out=$("$@" 2>&1) && [ -z "$out" ]; then
		ok "$d"
	else
		fail "$d"
		printf '%s\n' "$out" | sed 's/^/    /' | head -20
	fi
}
need() { command -v "$1" >/dev/null || fail "$1 is not installed (make deps)"; }

# ------------------------------------------------------------ make install
D=$T/dest
check "make install DESTDIR=..." $MAKE -s install DESTDIR="$D"

P=usr/local
S=usr/src/sparecore-$VERSION
{
	echo "$P/sbin/sparecore"
	echo "$P/lib/sparecore/partition.elf"
	echo "$P/lib/sparecore/sparecore.ko"
	echo "$P/share/man/man8/sparecore.8"
	echo "$P/share/man/man5/sparecore.conf.5"
	echo "$P/share/bash-completion/completions/sparecore"
	echo "$P/lib/systemd/system/sparecore@.service"
	echo "$P/share/doc/sparecore/example.conf"
	echo "etc/logrotate.d/sparecore"
	# The partition SDK (docs/sdk.md).
	echo "$P/lib/sparecore/libsparecore-partition.a"
	echo "$P/lib/sparecore/sparecore-partition.ld"
	echo "$P/include/sparecore/partition.h"
	echo "$P/lib/pkgconfig/sparecore-partition.pc"
	echo "$S/dkms.conf"
	echo "$S/tramp.bin"
	# The DKMS tree: every module source and every ABI header.
	for f in host/module/*.c host/module/*.h host/module/*.S host/module/Kbuild; do
		echo "$S/${f#host/module/}"
	done
	for f in include/sparecore/*.h; do echo "$S/$f"; done
} | sort >"$T/want"
(cd "$D" && find . -type f -o -type l | sed 's|^\./||' | sort) >"$T/got"
if cmp -s "$T/want" "$T/got"; then
	ok "installed files are the expected $(wc -l <"$T/want")"
else
	fail "installed files differ from the expected list (- expected, + installed)"
	diff "$T/want" "$T/got" | grep '^[<>]' | sed 's/^</    -/; s/^>/    +/'
fi
check "/etc/sparecore is created" test -d "$D/etc/sparecore"
# logrotate -d reads and checks the file, rotates nothing.
check "logrotate accepts the named partitions' log rotation" bash -c \
	'out=$(logrotate -d "$1" 2>&1) && ! grep -qi "error" <<<"$out"' _ "$D/etc/logrotate.d/sparecore"
check "sparecore is executable" test -x "$D/$P/sbin/sparecore"
check "no @NAME@ left in installed text files" \
	bash -c '! grep -rl "@[A-Z]*@" "$1" --include="*.[58]" --include="*.service" --include=dkms.conf' _ "$D"
check "installed sparecore --version says $VERSION" \
	bash -c '"$1" --version | grep -q "^sparecore $2 "' _ "$D/$P/sbin/sparecore" "$VERSION"

# The binary finds the image in ../lib/sparecore; the example config checks.
cpu=$(ls -d /sys/devices/system/cpu/cpu[0-9]* | sed 's/.*cpu//' | sort -n | tail -1)
out=$("$D/$P/sbin/sparecore" run --config "$D/$P/share/doc/sparecore/example.conf" \
	--cpu "$cpu" --dry-run 2>&1)
echo "    $out"
check "installed example.conf checks, image found in ../lib/sparecore" \
	grep -q "ok: CPU $cpu, 64 MiB, image $D/$P/sbin/../lib/sparecore/partition.elf" <<<"$out"
# Its commented-out settings are right too, once uncommented (but image
# and disk, whose files are not here).
sed -E 's/^#((cmdline|boot-timeout|net|ip|gw|mac|watchdog) = )/\1/' \
	"$D/$P/share/doc/sparecore/example.conf" >"$T/example-all.conf"
check "example.conf with its commented settings set checks" bash -c \
	'"$1" check-config "$2" >/dev/null && [ "$(grep -c "^[a-z]" "$2")" = 9 ]' _ \
	"$D/$P/sbin/sparecore" "$T/example-all.conf"

# The SDK: the .pc file is valid and names this install; the library holds
# the runtime's entry and the note; the header compiles on its own with
# the .pc's flags. (tests/sdk/check.sh builds and the lab runs programs.)
need pkg-config
check "pkg-config --validate sparecore-partition.pc" \
	pkg-config --validate "$D/$P/lib/pkgconfig/sparecore-partition.pc"
check "sparecore-partition.pc: version $VERSION, prefix of this install (under the sysroot)" bash -c '
	export PKG_CONFIG_PATH=$1/$2/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$1
	[ "$(pkg-config --modversion sparecore-partition)" = "$3" ] &&
	[ "$(pkg-config --variable=prefix sparecore-partition)" = "$1/$2" ]' _ "$D" "$P" "$VERSION"
check "libsparecore-partition.a has _start, partition_main, the note, no shell" bash -c '
	s=$(nm "$1" 2>/dev/null) && for w in _start partition_main sparecore_note sc_exit; do
		grep -qw "$w" <<<"$s" || exit 1; done && ! grep -qw shell_run <<<"$s"' _ \
	"$D/$P/lib/sparecore/libsparecore-partition.a"
check "sparecore-partition.ld pulls in the entry, the note, the library and libgcc" bash -c '
	for w in "EXTERN(_start)" "EXTERN(sparecore_note)" "INPUT(-lsparecore-partition)" "GROUP(-lgcc)"; do
		grep -qF "$w" "$1" || exit 1; done' _ "$D/$P/lib/sparecore/sparecore-partition.ld"
check "partition.h compiles alone with the .pc's Cflags, -Wall -Wextra -Werror" bash -c '
	export PKG_CONFIG_PATH=$1/$2/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$1
	echo "#include <sparecore/partition.h>" |
		cc $(pkg-config --cflags sparecore-partition) -Wall -Wextra -Werror -std=c11 -pedantic -x c -c - -o /dev/null' _ "$D" "$P"

# ------------------------------------------------------------ man pages
need man; need groff
for m in "$D/$P/share/man/man8/sparecore.8" "$D/$P/share/man/man5/sparecore.conf.5"; do
	n=${m##*/}
	quiet "man --warnings renders $n without a warning" \
		bash -c 'MANWIDTH=80 man --warnings -l "$1" >/dev/null' _ "$m"
	quiet "groff -ww renders $n without a warning" groff -ww -man -z "$m"
	check "$n has its sections" bash -c \
		'MANWIDTH=80 man -l "$1" 2>/dev/null | grep -q "^SEE ALSO"' _ "$m"
done

# What sparecore(8) must document: each command of named partitions, their
# files and environment, and every key `status --json` writes (taken from
# the source, so a key added there and not here fails; "matched" is
# status.c's own mark, deleted before printing).
M8=$D/$P/share/man/man8/sparecore.8
man8=$(LC_ALL=C MANWIDTH=80 man -l "$M8" 2>/dev/null)
check "sparecore.8 has start, console, stop, logs, status --json NAME" bash -c '
	for c in "start NAME" "console NAME" "stop NAME" "logs NAME" "status \[--json\] \[NAME\]"; do
		grep -q "^       $c\$" <<<"$1" || { echo "    no entry: $c"; exit 1; }
	done' _ "$man8"
check "sparecore.8 has the named files, ENVIRONMENT and its variables" bash -c '
	for w in /run/sparecore/NAME.lock /run/sparecore/NAME.sock /var/log/sparecore/NAME.log \
		"^ENVIRONMENT" SPARECORE_CONF_DIR SPARECORE_RUN_DIR SPARECORE_LOG_DIR; do
		grep -q -- "$w" <<<"$1" || { echo "    missing: $w"; exit 1; }
	done' _ "$man8"
keys=$(grep -ohE '(put_u64|put_str|json_object_object_add)\((o|mod|top|dev), "[a-z_]+"' \
	host/service/named/status_json.c host/service/cli/status.c | grep -oE '"[a-z_]+"' | tr -d '"' |
	sort -u | grep -vx matched)
check "sparecore.8 names every status --json key ($(wc -w <<<"$keys"))" bash -c '
	[ -n "$2" ] || exit 1
	for k in $2; do grep -qw -- "$k" "$1" || { echo "    undocumented: $k"; exit 1; }; done' _ \
	"$M8" "$keys"

# ------------------------------------------------------------ systemd unit
# verify checks that ExecStart exists, so the unit is installed under a
# PREFIX of its own, and that Documentation= pages exist (MANPATH). It
# exits 0 on warnings such as an unknown key: any output fails the check.
need systemd-analyze
R=$T/prefix
$MAKE -s install PREFIX="$R" SYSCONFDIR="$R/etc" DKMS_SRCDIR="$R/src" >/dev/null
mkdir -p "$T/units"
cp "$R/lib/systemd/system/sparecore@.service" "$T/units/sparecore@web.service"
quiet "systemd-analyze verify accepts sparecore@web.service" \
	env MANPATH="$R/share/man" systemd-analyze verify "$T/units/sparecore@web.service"
# NAME before --foreground: start takes its options only after the name.
check "unit runs 'sparecore start %i --foreground'" \
	grep -qx "ExecStart=$R/sbin/sparecore start %i --foreground" \
	"$T/units/sparecore@web.service"
# What the unit runs parses: its ExecStart, in its Environment, checks
# web's config, found by name in the SYSCONFDIR of the install (--dry-run
# takes no CPU, and needs no root).
cp "$R/share/doc/sparecore/example.conf" "$R/etc/sparecore/web.conf"
unit_env=$(sed -n 's/^Environment=//p' "$T/units/sparecore@web.service")
exec_start=$(sed -n 's/^ExecStart=//p' "$T/units/sparecore@web.service" | sed 's/%i/web/g')
out=$(env -u SPARECORE_CONF_DIR $unit_env $exec_start --cpu "$cpu" --dry-run 2>&1)
echo "    $out"
check "unit's command line finds \$SYSCONFDIR/sparecore/web.conf by its name" \
	grep -q "^$R/etc/sparecore/web.conf: ok: CPU $cpu" <<<"$out"
# /run/sparecore is shared by every partition: systemd must not remove it
# when one unit stops.
check "unit has no RuntimeDirectory=" \
	bash -c '! grep -q "^RuntimeDirectory" "$1"' _ "$T/units/sparecore@web.service"
check "unit: StandardInput=null, SuccessExitStatus=143 (SIGTERM)" bash -c \
	'grep -qx StandardInput=null "$1" && grep -qx SuccessExitStatus=143 "$1"' _ \
	"$T/units/sparecore@web.service"
# The check itself must be able to fail.
sed 's/^SuccessExitStatus=/SucessExitStatus=/' "$T/units/sparecore@web.service" \
	>"$T/units/sparecore@typo.service"
check "systemd-analyze verify does complain about a misspelt key" bash -c \
	'[ -n "$(MANPATH="$1" systemd-analyze verify "$2" 2>&1)" ]' _ \
	"$R/share/man" "$T/units/sparecore@typo.service"

# ------------------------------------------------------------ bash completion
C=$D/$P/share/bash-completion/completions/sparecore
check "bash completion passes bash -n" bash -n "$C"
# complete WORDS...: what the completion offers for the last word.
complete_words() {
	bash -c 'source "$1"; shift; PATH=$BIN:$PATH
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_sparecore; echo "${COMPREPLY[*]}"' _ "$C" "$@"
}
export BIN=$D/$P/sbin
check "completes commands" bash -c \
	'[ "$1" = "run start console stop logs status check-config check-host bench tables help" ]' _ \
	"$(complete_words sparecore "")"
# lint: quoted program (a multi-line bash -c)
check "completes run options from --help" bash -c \
	'for o in --cpu --mem --config --dry-run --cmdline --boot-timeout; do
		[[ " $1 " == *" $o "* ]] || exit 1; done' _ "$(complete_words sparecore run --)"
check "completes --cpu from sysfs, without CPU 0" bash -c '[ "$1" = "$2" ]' _ \
	"$(complete_words sparecore run --cpu "")" \
	"$(ls -d /sys/devices/system/cpu/cpu[0-9]* | sed 's/.*cpu//' | grep -vx 0 | tr '\n' ' ' | sed 's/ $//')"
# --net wants tap:NAME; the TAP devices are whatever the host has, so
# the check brings its own. bash splits "tap:" at the colon, the
# words below are those bash hands over (checked by hand in a terminal).
complete_net() {
	bash -c 'source "$1"; shift; _sparecore_taps() { echo tap0; }
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_sparecore; echo "${COMPREPLY[*]}"' _ "$C" "$@"
}
check "completes --net tap:NAME, also after the colon and in --net=" bash -c \
	'[ "$1" = tap:tap0 ] && [ "$2" = tap:tap0 ] && [ "$3" = tap0 ] && [ "$4" = tap0 ] &&
	 [ "$5" = tap0 ]' _ \
	"$(complete_net sparecore run --net "")" "$(complete_net sparecore start web --net tap)" \
	"$(complete_net sparecore run --net tap :)" "$(complete_net sparecore run --net tap : t)" \
	"$(complete_net sparecore run --net = tap : t)"
check "completes --config FILE" bash -c '[[ "$1" == *example.conf* ]]' _ \
	"$(complete_words sparecore run --config "$D/$P/share/doc/sparecore/")"
# Each command its own options, from its own entry in --help: run's are
# not offered to bench, nor bench's to run.
# has_all "WORDS" WORD...: every WORD is one of WORDS.
has_all() { local w=" $1 "; shift; for o; do [[ $w == *" $o "* ]] || return 1; done; }
has_none() { local w=" $1 "; shift; for o; do [[ $w != *" $o "* ]] || return 1; done; }
check "run's options are not bench's or stop's" bash -c "$(declare -f has_none)"'
	has_none "$1" --iterations --json --timeout --foreground --out' _ \
	"$(complete_words sparecore run --)"
check "completes start's options: run's and --foreground, -v" bash -c "$(declare -f has_all)"'
	has_all "$1" --cpu --mem --config --disk --net --watchdog --dry-run --foreground -v' _ \
	"$(complete_words sparecore start web -)"
check "completes stop --timeout, logs -f, status --json, console none" bash -c \
	'[ "$1" = --timeout ] && [ "$2" = -f ] && [ "$3" = --json ] && [ -z "$4" ]' _ \
	"$(complete_words sparecore stop web -)" "$(complete_words sparecore logs web -)" \
	"$(complete_words sparecore status -)" "$(complete_words sparecore console web -)"

# Partition names, from the directories sparecore itself uses (names.c):
# start from the config files, console/stop/status from the sockets of the
# running services (a .lock outlives its service), logs from the logs.
N=$T/names
mkdir -p "$N/conf" "$N/run" "$N/log"
touch "$N/conf/web.conf" "$N/conf/db.conf" "$N/conf/.hidden.conf" "$N/conf/bad name.conf" \
	"$N/run/web.lock" "$N/run/web.sock" "$N/run/gone.lock" "$N/log/web.log" "$N/log/gone.log"
names() {
	SPARECORE_CONF_DIR=$N/conf SPARECORE_RUN_DIR=$N/run SPARECORE_LOG_DIR=$N/log \
		complete_words "$@"
}
check "start completes NAME from the config files (valid names only)" \
	bash -c '[ "$1" = "db web" ]' _ "$(names sparecore start "")"
check "start NAME completes an IMAGE file after the name" \
	bash -c '[[ " $1 " == *" example.conf "* ]]' _ \
	"$(cd "$D/$P/share/doc/sparecore" && names sparecore start web "")"
check "console, stop, status complete the running names" bash -c \
	'[ "$1" = web ] && [ "$2" = web ] && [ "$3" = web ]' _ \
	"$(names sparecore console "")" "$(names sparecore stop --timeout 5 "")" \
	"$(names sparecore status --json "")"
check "logs completes every name with a log, stopped ones too" \
	bash -c '[ "$1" = "gone web" ]' _ "$(names sparecore logs -f "")"
check "no second NAME once one is given (console web, stop --timeout=5 web)" \
	bash -c '[ -z "$1" ] && [ -z "$2" ]' _ \
	"$(names sparecore console web "")" "$(names sparecore stop --timeout = 5 web "")"
check "stop --timeout S: S is not a NAME" \
	bash -c '[ "$1" = web ]' _ "$(names sparecore stop --timeout = 5 "")"

# ------------------------------------------------------------ DKMS tree
# Kbuild alone, on a copy of the installed tree (nothing of the repository
# in reach), then dkms itself with a private dkms tree (no trace in
# /var/lib/dkms but its signing key, which dkms makes once per machine).
need dkms
if [ -d "$KDIR" ]; then
	cp -r "$D/$S" "$T/kbuild"
	check "DKMS tree builds sparecore.ko with Kbuild alone ($KVER)" \
		bash -c '$0 -s -C "$1" M="$2" modules >"$2.log" 2>&1 && test -f "$2/sparecore.ko" ||
			{ tail -20 "$2.log"; exit 1; }' "$MAKE" "$KDIR" "$T/kbuild"
	check "that module embeds this build's trampoline" bash -c \
		'objcopy -O binary -j .rodata "$1/tramp_blob.o" "$1/blob" && cmp -s "$1/blob" "$2"' _ \
		"$T/kbuild" build/tramp.bin
	if command -v dkms >/dev/null; then
		mkdir -p "$T/dkms"
		check "dkms build -m sparecore -v $VERSION -k $KVER --sourcetree (tree alone)" \
			bash -c 'dkms build -m sparecore -v "$1" -k "$2" --sourcetree "$3" \
				--dkmstree "$4" >"$4.log" 2>&1 || { tail -20 "$4.log"; exit 1; }' _ \
			"$VERSION" "$KVER" "$D/usr/src" "$T/dkms"
		check "dkms built sparecore.ko" bash -c \
			'ls "$1"/sparecore/"$2"/"$3"/*/module/sparecore.ko* >/dev/null 2>&1' _ \
			"$T/dkms" "$VERSION" "$KVER"
	fi
else
	fail "no kernel headers at $KDIR (make deps)"
fi

# ------------------------------------------------------------ make uninstall
check "make uninstall DESTDIR=..." $MAKE -s uninstall DESTDIR="$D"
left=$(cd "$D" && find . -type f -o -type l)
check "make uninstall leaves no file" test -z "$left"
[ -n "$left" ] && printf '    %s\n' $left

echo "install-test: $PASS passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
