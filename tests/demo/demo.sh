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

say "A disk: sparecore run --cpu 1 --disk /tmp/disk.img (a 64 MiB file made with dd)"
dd if=/dev/zero of=/tmp/disk.img bs=1M count=64 2>/dev/null
rm -f /tmp/in; mkfifo /tmp/in
sparecore -v run --cpu 1 --mem 64M --disk /tmp/disk.img </tmp/in &
pid=$!
exec 3>/tmp/in
sleep 1
for cmd in "blk info" "blk write 2048 hello from the partition" "blk read 2048 1" \
	"blk flush" "blk test 4096 2048 7" "blk bench 65536 65536"; do
	echo "$cmd" >&3
	sleep 2
done
sleep 8   # blk bench (on the second half): four tests of 2 s
echo halt >&3
wait $pid
exec 3>&-
say "The host reads what the partition wrote"
dd if=/tmp/disk.img bs=512 skip=2048 count=1 2>/dev/null | hexdump -C | head -n 2
say "A disk that does not exist: refused before the CPU is taken"
sparecore run --cpu 1 --disk /tmp/missing.img </dev/null
echo "sparecore exited with status $?; CPU 1 online: $(cat /sys/devices/system/cpu/cpu1/online)"

say "A network: sparecore run --cpu 1 --net tap:sc0 --ip 192.0.2.2/24 --host-ip 192.0.2.1/24"
modprobe tun 2>/dev/null
rm -f /tmp/in; mkfifo /tmp/in
sparecore run --cpu 1 --net tap:sc0 --ip 192.0.2.2/24 --gw 192.0.2.1 \
	--host-ip 192.0.2.1/24 </tmp/in &
pid=$!
exec 3>/tmp/in
sleep 2
say "The host pings the partition (no packet leaves the VM: it has no NIC)"
ping -c 3 -i 0.3 192.0.2.2
say "The partition's status page, over its own small TCP"
wget -q -O - http://192.0.2.2/
for cmd in "ping -c 3 192.0.2.1" "net"; do
	echo "$cmd" >&3
	sleep 3
done
echo halt >&3
wait $pid
echo "sparecore exited with status $?; CPU 1 online: $(cat /sys/devices/system/cpu/cpu1/online)"
exec 3>&-

say "The partition <-> host path: ringbench, through the bench ring (run --bench-ring)"
echo "floor: one cache line; poll: the ring, both sides spin; ipi: the ring, doorbell IPIs both ways"
echo "(TCG times, not hardware times; make bench-ring has the table)"
printf 'ringbench 2000\nhalt\n' | sparecore run --cpu 1 --bench-ring
echo "sparecore exited with status $?; CPU 1 online: $(cat /sys/devices/system/cpu/cpu1/online)"

say "A named partition in the background: sparecore start web --cpu 1 --disk /tmp/disk.img"
sparecore start web --cpu 1 --mem 64M --disk /tmp/disk.img
sparecore status
say "sparecore console web (here with piped input; on a terminal, Ctrl-] detaches)"
(echo "blk test 8192 2048 9"; sleep 3) | sparecore console web &
cpid=$!
sleep 3
kill $cpid 2>/dev/null; wait $cpid 2>/dev/null
say "sparecore status web: per-device counters"
sparecore status web
say "sparecore stop web; its log stays (sparecore logs web)"
sparecore stop web
sparecore logs web | tail -n 4
cpu1

say "An unmodified Debian kernel on CPU 1: sparecore run --cpu 1 --mem 256M --kernel /boot/vmlinuz-$(uname -r)"
echo "(the lab's own kernel image, as Debian ships it; make guest built its initramfs:"
echo " busybox and our console driver sc_hvc.ko. Its firmware view is our ACPI tables and"
echo " an e820 map of its own memory; it touches no host device.)"
irq0=$(awk '/IO-APIC/ {s += $2} END {print s + 0}' /proc/interrupts)
rm -f /tmp/lin.in /tmp/lin.out; mkfifo /tmp/lin.in
sparecore -v run --cpu 1 --mem 256M --kernel /boot/vmlinuz-$(uname -r) --watchdog 10 \
	</tmp/lin.in 2>&1 | tee /tmp/lin.out &
pid=$!
exec 3>/tmp/lin.in
n=0
while ! grep -q "/ # " /tmp/lin.out 2>/dev/null && [ $n -lt 300 ]; do sleep 1; n=$((n + 1)); done
for cmd in "uname -a" "grep -c ^processor /proc/cpuinfo" "cat /proc/cmdline" "free -m"; do
	echo "$cmd" >&3
	sleep 2
done
say "Meanwhile, on the host (its interrupts keep flowing on CPU 0)"
cpu1
echo "host IO-APIC interrupts: $irq0 before the guest, $(awk '/IO-APIC/ {s += $2} END {print s + 0}' /proc/interrupts) now"
sparecore status
say "poweroff in the guest"
echo poweroff >&3
wait $pid
exec 3>&-
cpu1
