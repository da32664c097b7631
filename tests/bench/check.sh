#!/bin/bash
# `make bench-check`: `sparecore bench` (native, two pinned threads, no
# module) runs end to end and says what it should: every row, statistics
# in order, ratios to the floor, --json / --csv / --plot well formed, bad
# arguments refused. Nothing about speed is asserted (that is for the
# docs/numbers.md's numbers, from `make bench`).
set -u
B=${1:-build/sparecore}
N=2000
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 failed=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }
NAMES="floor sparecore sparecore_2ring ck_ring pipe eventfd futex"

"$B" bench --iterations $N --json >"$T/j" 2>"$T/j.err"
check "--json: exit 0" [ $? -eq 0 ]
# One row a line: {"name": "x", "samples": N, "median_ns": ..., ...}
field() { sed -n "s/.*\"name\": \"$1\".*\"$2\": \([^,}]*\).*/\1/p" "$T/j"; }
check "--json: the rows, in order" [ "$(sed -n 's/.*"name": "\([a-z_0-9]*\)".*/\1/p' "$T/j" | tr '\n' ' ')" = "$NAMES " ]
check "--json: a list" sh -c "head -1 $T/j | grep -qx '\[' && tail -1 $T/j | grep -qx '\]'"
for n in $NAMES; do
	s=$(field $n samples) m=$(field $n median_ns) p=$(field $n p99_ns)
	q=$(field $n p999_ns) x=$(field $n max_ns)
	check "--json $n: $N samples, 0 < median <= p99 <= p99.9 <= max ($m $p $q $x)" \
		[ "$s" = $N -a "$m" -gt 0 -a "$m" -le "$p" -a "$p" -le "$q" -a "$q" -le "$x" ]
done
check "--json: floor's ratio is 1" [ "$(field floor ratio_to_floor)" = 1.000 ]
check "--json: streaming rates for the rings, none for the others" \
	[ "$(field sparecore msgs_per_s)" -gt 0 -a "$(field ck_ring msgs_per_s_batch32)" -gt 0 \
	  -a "$(field pipe msgs_per_s)" = null ]

"$B" bench --iterations $N --csv >"$T/c" 2>/dev/null
rc=$?
check "--csv: exit 0, a header and 7 rows of 11 fields" sh -c \
	"[ $rc -eq 0 ] && head -1 $T/c | grep -q '^name,samples,median_ns,' &&
	 [ \$(awk -F, 'NR > 1 && NF == 11' $T/c | wc -l) -eq 7 ]"

"$B" bench --iterations $N --plot "$T/p.png" >"$T/t" 2>"$T/t.err"
check "--plot: exit 0" [ $? -eq 0 ]
check "--plot: a PNG file" sh -c "head -c 8 $T/p.png | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"
check "table: every row with its ratio" sh -c \
	"for n in $NAMES; do grep -Eq \"^\$n +[0-9]+ .* [0-9.]+x\" $T/t || exit 1; done"

bad() { # what needle args...
	w=$1 needle=$2; shift 2
	"$B" bench "$@" >/dev/null 2>"$T/e"; rc=$?
	check "$w: exit 1, one line saying '$needle'" sh -c \
		"[ $rc -eq 1 ] && [ \$(wc -l <$T/e) -eq 1 ] && grep -q -- '$needle' $T/e"
}
bad "the same CPU twice" "two different CPU numbers" --cpus 0,0
bad "a CPU that is not there" "99999" --cpus 0,99999
bad "too few iterations" "--iterations wants a count" --iterations 5
bad "--json with --csv" "exclude each other" --json --csv

echo "bench-check: $pass passed, $failed failed"
[ $failed -eq 0 ]
