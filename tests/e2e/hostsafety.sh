#!/bin/sh
# The module's windows on a real host (docs/host-safety.md): the CPU-hotplug
# guard (onlining the partition's CPU fails during and after START, the
# partition runs on), START while Linux onlines and offlines another CPU
# in a loop, suspend and hibernation refused while a partition runs, the
# trampoline page refused where it is not plain RAM or is Linux's own
# real-mode trampoline, boot_timeout_ms capped. Best with --cpus 4 (the
# hotplug loop needs a CPU besides the partition's and CPU 0).
. /opt/sparecore/tests/e2e/lib.sh
cpu=$((LAB_CPUS - 1))
online_file=/sys/devices/system/cpu/cpu$cpu/online
dmesg_has() { dmesg | grep -q -- "$1"; }

# --- the hotplug guard, during and after START
rm -f $T/in; mkfifo $T/in
sparecore run --cpu $cpu <$T/in >$T/r.out 2>$T/r.err &
rpid=$!
exec 3>$T/in
tries=0 won=0
while ! grep -q "sparecore> " $T/r.out 2>/dev/null && [ $tries -lt 3000 ]; do
	# Only once the CPU is offline: before, writing 1 is a no-op success.
	if [ "$(cat $online_file)" = 0 ]; then
		tries=$((tries + 1))
		if echo 1 2>/dev/null >$online_file; then won=$((won + 1)); fi
	fi
	usleep 500
done
echo "online attempts during START: $tries, succeeded: $won"
check "during START: online attempts made ($tries)" [ $tries -gt 0 ]
check "during START: every online attempt failed" [ $won -eq 0 ]
check "during START: the partition came up" grep -q "sparecore> " $T/r.out
sh -c "echo 1 >$online_file" 2>$T/on.err; rc=$?
echo "echo 1 > cpu$cpu/online: $(cat $T/on.err)"
check "after START: echo 1 > cpu$cpu/online fails" [ $rc -ne 0 ]
check "after START: CPU $cpu still offline" [ "$(cat $online_file)" = 0 ]
echo "echo still mine" >&3
wait_for $T/r.out "^still mine" 30
check "after the online attempts: the partition answers" grep -q "^still mine" $T/r.out

# --- suspend and hibernation while it runs
cat /sys/power/state
for s in freeze mem disk; do
	grep -qw $s /sys/power/state || { echo "lab kernel offers no '$s' state"; continue; }
	dmesg -c >/dev/null
	echo $s 2>$T/pm.err >/sys/power/state; rc=$?
	cat $T/pm.err
	check "echo $s > /sys/power/state: refused" [ $rc -ne 0 ]
	check "$s: kernel log says a partition holds a CPU" sh -c 'dmesg | grep -q "sparecore: refusing .*: 1 partition holds a CPU"'
done
check "suspend offered at all (freeze)" grep -qw freeze /sys/power/state
echo "echo after suspend" >&3
wait_for $T/r.out "^after suspend" 30
check "after the suspend attempts: the partition answers" grep -q "^after suspend" $T/r.out
echo halt >&3
wait_pid $rpid 30; rc=$?
exec 3>&-
check "run: halted, exit 0" [ $rc -eq 0 ]
check "CPU $cpu online after" cpu_online $cpu

# --- START while another CPU goes offline and online in a loop
if [ "$LAB_CPUS" -ge 4 ]; then
	other=$((cpu - 1))
	rm -f $T/loop.stop
	( n=0 bad=0
	  while [ ! -e $T/loop.stop ]; do
		echo 0 >/sys/devices/system/cpu/cpu$other/online || bad=$((bad + 1))
		echo 1 >/sys/devices/system/cpu/cpu$other/online || bad=$((bad + 1))
		n=$((n + 1))
	  done
	  echo "$n $bad" >$T/loop.res ) &
	lpid=$!
	ok_runs=0
	for i in 1 2 3; do
		printf 'echo round %s\nhalt\n' $i | sparecore run --cpu $cpu >$T/h$i.out 2>&1 &&
			grep -q "^round $i" $T/h$i.out && ok_runs=$((ok_runs + 1))
	done
	touch $T/loop.stop
	wait_pid $lpid 60
	set -- $(cat $T/loop.res)
	echo "CPU $other offline/online rounds: $1, failed writes: $2"
	check "3 STARTs on CPU $cpu while CPU $other cycles: all ran and halted ($ok_runs)" [ $ok_runs -eq 3 ]
	check "CPU $other cycled meanwhile ($1 rounds)" [ "${1:-0}" -gt 0 ]
	check "CPU $other: no offline/online write failed ($2)" [ "${2:-1}" -eq 0 ]
	check "CPU $other online after" cpu_online $other
	check "CPU $cpu online after" cpu_online $cpu
else
	fail "hotplug loop needs --cpus 4 (have $LAB_CPUS)"
fi

# --- "up" without the key only the started CPU was given (as a forged
# state would be): not believed; START times out, the CPU comes back and
# the trampoline page is restored.
h0=$(tramp_hash)
dmesg -c >/dev/null
sparecore run --cpu 1 --boot-timeout 3 --cmdline nokey /opt/sparecore/hostile.elf </dev/null >$T/nk.out 2>$T/nk.err; rc=$?
cat $T/nk.err; dmesg | grep sparecore
check "nokey: run fails (exit $rc)" [ $rc -eq 1 ]
check "nokey: the module says the state came without the key" dmesg_has "boot info state set without the partition's key"
check "nokey: CPU 1 online after" cpu_online 1
check "nokey: trampoline page restored" [ "$(tramp_hash)" = "$h0" ]
check "nokey: module holds nothing" [ "$(module_pages)/$(module_irqs)" = 0/0 ]

# --- the trampoline page and boot_timeout_ms, at load
rmmod sparecore
check "module unloads (no partition)" [ ! -e /dev/sparecore ]
try_load() { # try_load DESC MESSAGE ARGS...: must fail with MESSAGE in the log
	d=$1 m=$2; shift 2
	dmesg -c >/dev/null
	insmod /opt/sparecore/sparecore.ko "$@" 2>/dev/null; rc=$?
	dmesg | grep sparecore
	check "insmod $*: refused ($d)" [ $rc -ne 0 ]
	check "insmod $*: the log says why ($m)" dmesg_has "$m"
}
try_load "page of the EBDA" "tramp_page=0x9f000: " tramp_page=0x9f000
try_load "BIOS ROM, not RAM" "tramp_page=0xf0000: must be a page in" tramp_page=0xf0000
try_load "not page aligned" "must be a page in" tramp_page=0x1800
try_load "timeout over 600 s" "boot_timeout_ms" boot_timeout_ms=700000
dmesg -c >/dev/null
insmod /opt/sparecore/sparecore.ko
rm_line=$(dmesg | sed -n "s/.*Linux's real-mode trampoline at \[\(0x[0-9a-f]*\)-.*/\1/p")
dmesg | grep sparecore
check "load: names Linux's real-mode trampoline ($rm_line)" [ -n "$rm_line" ]
if [ -n "$rm_line" ]; then
	rmmod sparecore
	try_load "Linux's real-mode trampoline" "inside Linux's real-mode trampoline" tramp_page=$rm_line
	insmod /opt/sparecore/sparecore.ko
fi
check "module loaded again with defaults" [ -e /dev/sparecore ]
p=/sys/module/sparecore/parameters/boot_timeout_ms
echo 700000 2>/dev/null >$p; rc=$?
check "boot_timeout_ms=700000 at run time: refused" [ $rc -ne 0 ]
echo 0 2>/dev/null >$p; rc=$?
check "boot_timeout_ms=0 at run time: refused" [ $rc -ne 0 ]
echo 20000 >$p
check "boot_timeout_ms=20000 accepted" [ "$(cat $p)" = 20000 ]
printf 'halt\n' | sparecore run --cpu 1 >/dev/null 2>&1
check "a partition runs afterwards" [ $? -eq 0 ]
summary hostsafety
