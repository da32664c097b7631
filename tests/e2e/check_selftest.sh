#!/bin/sh
# Self-test of the e2e helpers, run on the build machine (make unit): check
# must count a false compound condition as a failure, klog_bad must catch
# each kind of kernel complaint, and no test script may write
# `check "x" [ a ] && [ b ]`, whose [ b ] runs outside check and is never
# counted. Usage: tests/e2e/check_selftest.sh [REPO]
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export TMPDIR=$T SC_E2E_SELFTEST=1 SC_E2E_NO_KLOG=1
bad=0
expect() { # expect DESC WANT_PASS WANT_FAILED: counters after a check
	if [ "$PASS/$FAILED" = "$2/$3" ]; then echo "ok - selftest: $1"
	else echo "FAIL - selftest: $1 (passed/failed $PASS/$FAILED, want $2/$3)"; bad=$((bad + 1)); fi
}
. "$repo/tests/e2e/lib.sh" >/dev/null
check "true" true >/dev/null;                            expect "a true command passes" 1 0
check "false" false >/dev/null;                          expect "a false command fails" 1 1
check "compound" sh -c '[ 1 = 1 ] && [ 1 = 2 ]' >/dev/null; expect "a false compound (sh -c) fails" 1 2
check "compound" sh -c '[ 1 = 2 ] && [ 1 = 1 ]' >/dev/null; expect "a false first half fails" 1 3
check "compound" sh -c '[ 1 = 1 ] && [ 2 = 2 ]' >/dev/null; expect "a true compound passes" 2 3
# The defect itself: the second [ ] is outside check and not counted.
check "broken" [ 1 = 1 ] >/dev/null && [ 1 = 2 ];       expect "the broken form counts only its first half" 3 3
PASS=0 FAILED=0
summary selftest >/dev/null;                             expect "summary with no failures is true ($?)" 0 0
FAILED=1
if summary selftest >/dev/null; then echo "FAIL - selftest: summary true after a failure"; bad=$((bad + 1))
else echo "ok - selftest: summary false after a failure"; fi

for l in 'WARNING: CPU: 1 PID: 7 at kernel/cpu.c:1 x' 'BUG: kernel NULL pointer dereference' \
	'Oops: 0002 [#1] PREEMPT SMP' 'WARNING: possible circular locking dependency detected' \
	'INFO: task sh:77 blocked for more than 120 seconds.'; do
	if printf '[ 1.0] ok\n[ 2.0] %s\n' "$l" | klog_bad >/dev/null; then echo "ok - selftest: klog_bad catches '$l'"
	else echo "FAIL - selftest: klog_bad misses '$l'"; bad=$((bad + 1)); fi
done
if printf '[ 1.0] sparecore: CPU 1 taken\n[ 2.0] sparecore: CPU 1 back to Linux\n' | klog_bad >/dev/null; then
	echo "FAIL - selftest: klog_bad flags a clean log"; bad=$((bad + 1))
else echo "ok - selftest: klog_bad passes a clean log"; fi

# Lint: a check statement (with its continuation lines) that has && or ||
# or ; outside quotes runs part of its condition outside check.
lint() { # lint FILE...: FILE:LINE of each such statement
	for f in "$@"; do awk -v F="${f#$repo/}" '
	/# lint: quoted program/ { skip = NR + 1 }
	/^[ \t]*check / && NR != skip {
		s = $0; n = NR
		while (s ~ /(\\|&&|\|\|)[ \t]*$/ && (getline l) > 0) s = s "\n" l
		t = s; gsub(/"[^"]*"/, "\"\"", t); gsub(/'\''[^'\'']*'\''/, "", t)
		if (t ~ /&&|\|\||;/) print F ":" n
	}' "$f"; done
}
printf '%s\n' 'check "a" [ 1 = 1 ] &&' '	[ 2 = 2 ]' 'check "b" grep -q x f || true' \
	'check "c" sh -c "[ 1 = 1 ] && [ 2 = 2 ]"' "check \"d\" sh -c '[ 1 ] || [ 2 ]'" >$T/sample.sh
if [ "$(lint $T/sample.sh | sed 's/.*://' | tr '\n' ' ')" = "1 3 " ]; then
	echo "ok - selftest: the lint finds exactly the broken forms of a sample"
else echo "FAIL - selftest: lint of a sample gives '$(lint $T/sample.sh | tr '\n' ' ')', want lines 1 3"; bad=$((bad + 1)); fi
# This file checks check itself. A check whose multi-line quoted program
# the lint cannot read is marked "# lint: quoted program" on the line
# before it.
found=$(lint $(ls "$repo"/tests/*/*.sh | grep -v -e '/check_selftest.sh$') || true)
if [ -z "$found" ]; then echo "ok - selftest: no 'check x [ a ] && [ b ]' in tests/*/*.sh"
else echo "FAIL - selftest: conditions outside check at:" $found; bad=$((bad + 1)); fi
echo "check selftest: $bad failed"
[ $bad -eq 0 ]
