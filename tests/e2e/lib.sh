# Shared helpers for the end-to-end tests; sourced by each test inside the
# lab VM (busybox sh). Each check prints "ok - ..." or "FAIL - ..." and is
# counted; summary prints "e2e <name>: N passed, N failed".
PASS=0
FAILED=0
T=${TMPDIR:-/tmp}

ok()   { PASS=$((PASS + 1)); echo "ok - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; }
check() { # check "description" command...
	desc=$1; shift
	if "$@"; then ok "$desc"; else fail "$desc"; fi
}
# Kernel log lines that mean the host kernel went wrong, from stdin: a
# WARN (the lab boots with panic_on_warn=1, so one ends the VM anyway),
# BUG, Oops, lockdep and hung-task reports. Prints them; true if any.
klog_bad() {
	grep -E 'WARNING:|BUG:|Oops|lockdep|possible circular locking|inconsistent lock state|possible recursive locking|blocked for more than [0-9]+ seconds'
}
# Every run ends here: the kernel log is checked last, so a test whose
# host kernel complained fails even if every check of its own passed.
summary() {
	if [ -z "${SC_E2E_NO_KLOG:-}" ]; then
		if dmesg | klog_bad >$T/klog.bad; then
			sed 's/^/  kernel: /' $T/klog.bad
			fail "$1: kernel log has WARNING/BUG/Oops/lockdep/hung-task lines"
		else
			ok "$1: kernel log clean (no WARNING/BUG/Oops/lockdep/hung task)"
		fi
	fi
	echo "e2e $1: $PASS passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}

cpu_online() { [ "$(cat /sys/devices/system/cpu/cpu$1/online)" = 1 ]; }
# Physical APIC ID Linux reports for a CPU.
linux_apic_id() {
	awk -v c="$1" '/^processor/{p=$3} /^apicid/{if (p==c) print $3}' /proc/cpuinfo
}
# "pages" and "irqs" the module holds, from `sparecore status`.
module_pages() { sparecore status | sed -n 's/^module: \([0-9]*\) pages.*/\1/p'; }
module_irqs() { sparecore status | sed -n 's/.* pages, \([0-9]*\) doorbell.*/\1/p'; }
# sha256 of the trampoline page below 1 MiB (physread: see tests/lab).
tramp_hash() {
	physread "$(cat /sys/module/sparecore/parameters/tramp_page)" 4096 | sha256sum | cut -d' ' -f1
}
# Milliseconds since boot (centisecond resolution).
# Free memory in kB: the buddy allocator's free pages plus the pages on the
# CPUs' free lists (zoneinfo's pageset "count:"), read after Linux dropped
# its clean caches. Neither MemFree nor MemAvailable counts the per-CPU
# lists, which hold ~28 MiB in the lab VM until a large allocation (a
# partition's) drains them: a reading of those moved by 26-40 MiB between
# cycles with nothing leaked. This sum moves by less than 100 kB.
mem_free_kb() {
	sync; echo 3 >/proc/sys/vm/drop_caches
	awk '$1 == "nr_free_pages" {f = $2} END {print f}' /proc/vmstat >$T/.free
	awk -v f="$(cat $T/.free)" '$1 == "count:" {p += $2} END {print (f + p) * 4}' /proc/zoneinfo
}
# A leaked partition is 64 MiB; what Linux itself allocates and keeps
# between two readings in the lab (slab, logs on the tmpfs root) stays
# well under this.
LEAK_KB=8192
# mem_back_within KB0 LIMIT_KB: wait up to 3 s for free memory to come back
# within LIMIT_KB of KB0 (freeing that Linux defers — PREEMPT_RT with
# rcu_nocbs hands it to kthreads — lands in that time; a leak never does).
# Prints the last reading; true when it came back.
mem_back_within() {
	_n=0
	while _a=$(mem_free_kb) && [ $(($1 - _a)) -ge $2 ] && [ $_n -lt 30 ]; do
		usleep 100000; _n=$((_n + 1))
	done
	echo "$_a"
	[ $(($1 - _a)) -lt $2 ]
}
now_ms() { awk '{printf "%d\n", $1 * 1000}' /proc/uptime; }
# Wait until file $1 contains string $2, at most $3 seconds.
wait_for() {
	_w=0
	while ! grep -q -- "$2" "$1" 2>/dev/null; do
		_w=$((_w + 1)); [ $_w -gt $(($3 * 100)) ] && return 1
		usleep 10000
	done
}
# Wait for background process $1 at most $2 seconds; its exit status, or
# 124 after killing it (a test must fail, not hang, if the host does not
# act).
wait_pid() {
	_w=0
	while kill -0 "$1" 2>/dev/null && [ $_w -lt $(($2 * 10)) ]; do
		_w=$((_w + 1)); usleep 100000
	done
	if kill -0 "$1" 2>/dev/null; then
		echo "wait_pid: $1 still running after $2 s, killing it"
		kill -9 "$1"; wait "$1"; return 124
	fi
	wait "$1"
}
# The pattern of the partition's `blk test` / `blk check`
# (partition/blk_test.c), made here independently: pattern SEED FIRST COUNT.
pattern() {
	awk -v seed="$1" -v first="$2" -v n="$3" 'BEGIN {
		for (s = first; s < first + n; s++)
			for (l = 0; l < 8; l++)
				printf "sc seed %08x sector %016x line %d%16s\n", seed, s, l, ""
	}'
}
# sha256 of sectors FIRST..FIRST+COUNT-1 of FILE: region_sha FILE FIRST COUNT
region_sha() { dd if="$1" bs=512 skip="$2" count="$3" 2>/dev/null | sha256sum | cut -d' ' -f1; }
pattern_sha() { pattern "$1" "$2" "$3" | sha256sum | cut -d' ' -f1; }
# status_field NAME KEY: a value of named partition NAME in `sparecore
# status --json` (json-c prints one key a line; keys are unique per
# partition, devices' counters included).
status_field() {
	sparecore status --json | awk -v n="\"$1\"" -v k="\"$2\"" '
		$1 == "\"name\":" { cur = $2; sub(/,$/, "", cur) }
		cur == n && $1 == k ":" { v = $2; sub(/,$/, "", v); gsub(/"/, "", v); print v; exit }'
}
# A well-behaved partition on CPU 2 beside a test's misbehaving one on
# CPU 1, when the lab has 3 or more CPUs. neighbour_start sets $held to
# what the module holds for it ("0/0" without one: pages/IRQs), so the test
# can check the rest was given back; neighbour_end checks it kept working
# through everything, then stops it.
neighbour_start() {
	held=0/0
	npid=
	[ "${LAB_CPUS:-2}" -ge 3 ] || return 0
	rm -f $T/nin; mkfifo $T/nin
	sparecore run --cpu 2 <$T/nin >$T/n.out 2>$T/n.err &
	npid=$!
	exec 4>$T/nin
	wait_for $T/n.out "sparecore> " 60 || fail "neighbour on CPU 2: no prompt"
	held="$(module_pages)/$(module_irqs)"
}
neighbour_end() {
	[ -n "$npid" ] || return 0
	echo "echo neighbour still fine" >&4
	wait_for $T/n.out "^neighbour still fine" 30
	check "neighbour on CPU 2: answered after all of it" grep -q "^neighbour still fine" $T/n.out
	echo halt >&4
	wait_pid $npid 30; _rc=$?
	exec 4>&-
	check "neighbour on CPU 2: halted with 0" [ $_rc -eq 0 ]
	check "neighbour on CPU 2: CPU 2 online after" cpu_online 2
}
# Median of numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

# A test that writes to a partition which already exited must not die of it.
trap '' PIPE

# Load the module once so status works before the first run (not when the
# helpers themselves are tested on the build machine: check_selftest.sh).
[ -n "${SC_E2E_SELFTEST:-}" ] || [ -e /dev/sparecore ] || insmod /opt/sparecore/sparecore.ko
