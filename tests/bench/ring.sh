#!/bin/sh
# The partition <-> host path, in the lab VM: `sparecore bench --cpu N` on
# the last CPU (the partition: ringbench poll and ipi) against the floor,
# the ring, eventfd and futex between two Linux threads on the other two,
# in interleaved rounds. Needs 3 CPUs: with 2, the host's polling thread
# would share the one CPU Linux has left with everything else.
#   tests/lab/lab --cpus 3 tests/bench/ring.sh [ITERATIONS]
#   (make bench-ring)
cd /opt/sparecore || exit 1
n=${1:-100000}
cpu=$(($(nproc) - 1))
[ -e /dev/sparecore ] || insmod /opt/sparecore/sparecore.ko || exit 1
echo "lab: $(nproc) CPUs, ${LAB_APIC:-?} host, $(uname -r)"
echo "command: sparecore bench --cpu $cpu --iterations $n"
sparecore bench --cpu "$cpu" --iterations "$n"
