#!/bin/sh
# make demo: a partition on CPU 1 of the lab VM, driven by a script.
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
cpu1() { echo "CPU 1 online: $(cat /sys/devices/system/cpu/cpu1/online)"; }

say "The lab VM: $(nproc) CPUs online, $(uname -r), APIC mode ${LAB_APIC}"
cpu1
say "sparecore run --cpu 1 --mem 64M, with its console fed from a pipe"
rm -f /tmp/in; mkfifo /tmp/in
sparecore -v run --cpu 1 --mem 64M </tmp/in &
pid=$!
exec 3>/tmp/in
sleep 1
for cmd in help info acpi mem "echo hello from a CPU Linux does not own" uptime; do
	echo "$cmd" >&3
	sleep 1
done
say "Meanwhile, on the host"
cpu1
sparecore status
echo halt >&3
wait $pid
echo "sparecore exited with status $?"
exec 3>&-
say "After halt"
cpu1
taskset -c 1 echo "Linux runs a process on CPU 1 again"
sparecore status
say "The firmware tables a partition on CPU 1 gets (sparecore tables)"
sparecore tables --cpu 1 --out /tmp/tables
say "A partition whose DSDT was damaged on purpose refuses to boot"
printf 'info\n' | sparecore run --cpu 1 --corrupt-acpi dsdt
echo "sparecore exited with status $?"
cpu1
