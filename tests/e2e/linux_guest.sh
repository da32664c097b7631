#!/bin/sh
# A Linux guest (issue 16, steps reached so far): the lab's own kernel
# image booted on CPU 1 from the 64-bit entry, watched through its memory:
# until it has decompressed itself; until it panics for want of a root
# file system; until an initramfs's /init has written to the kernel log.
# The host reads the guest's log out of its memory (there is no console
# driver yet). Bad input is refused
# before the CPU is taken. While the guest runs the host must keep its
# interrupts and clock, and its kernel log stays clean.
# Needs a lab with --mem 2048 (the guest gets 256 MiB of contiguous memory).
. /opt/sparecore/tests/e2e/lib.sh

K=/boot/vmlinuz-$(uname -r)
MEM=256M

# One line on stderr, exit 1, CPU 1 still Linux's, nothing held.
refused() { # refused NAME PATTERN ARGS...
	name=$1 pat=$2; shift 2
	sparecore run --cpu 1 "$@" >$T/bad.out 2>$T/bad.err
	rc=$?
	cat $T/bad.err
	check "$name: exit 1" [ $rc -eq 1 ]
	check "$name: one line on stderr" [ "$(wc -l <$T/bad.err)" -eq 1 ]
	check "$name: says '$pat'" grep -q -- "$pat" $T/bad.err
	check "$name: CPU 1 online" cpu_online 1
	check "$name: module holds no pages" [ "$(module_pages)" = 0 ]
}

# A copy of the kernel with one byte changed at OFFSET.
patched() { # patched OFFSET BYTE-OCTAL FILE
	cp $K $3
	printf "\\$2" | dd of=$3 bs=1 seek=$(($1)) conv=notrunc 2>/dev/null
}

check "the lab carries its kernel" [ -r $K ]
refused "not a bzImage" "not a Linux bzImage" --mem $MEM --kernel /opt/sparecore/sparecore
refused "too little memory" "is too small for" --mem 64M --kernel $K
refused "missing initrd" "initrd /nonexistent" --mem $MEM --kernel $K --initrd /nonexistent
refused "initrd without kernel" "needs --kernel" --mem $MEM --initrd $K
refused "kernel and IMAGE" "not both" --mem $MEM --kernel $K /opt/sparecore/partition.elf
refused "control character in append" "control character" --mem $MEM --kernel $K --append "$(printf 'a\tb')"
patched 0x236 000 $T/k32
refused "32-bit kernel" "32-bit kernel" --mem $MEM --kernel $T/k32
patched 0x234 000 $T/knr
refused "non-relocatable kernel" "not relocatable" --mem $MEM --kernel $T/knr
rm -f $T/k32 $T/knr
sparecore run --cpu 1 --mem $MEM --kernel $K --append "quiet" --dry-run >$T/dry.out 2>&1
check "dry run shows the command line" grep -q "pci=off.* quiet\$" $T/dry.out

# Sum of the host's IO-APIC interrupt counts (all CPUs).
ioapic_irqs() {
	awk '/IO-APIC/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts
}

cycle() { # cycle N
	lo=$(cat /sys/module/sparecore/parameters/linux_low)
	losz=$(cat /sys/module/sparecore/parameters/linux_low_size)
	low_before=$(physread $lo $losz | sha256sum)
	tramp_before=$(tramp_hash)
	irq_before=$(ioapic_irqs)
	wall_before=$(date +%s); up_before=$(cut -d' ' -f1 /proc/uptime)
	dmesg -c >/dev/null
	sparecore -v run --cpu 1 --mem $MEM --kernel $K --linux-stop-at decompressed \
		>$T/lg.out 2>$T/lg.err
	rc=$?
	cat $T/lg.err
	wall_after=$(date +%s); up_after=$(cut -d' ' -f1 /proc/uptime)
	irq_after=$(ioapic_irqs)
	check "run $1: exit 0" [ $rc -eq 0 ]
	check "run $1: contiguous memory from the module" sh -c 'dmesg | grep -q "CPU 1: 256 MiB contiguous at"'
	check "run $1: guest entered startup_64" grep -q "guest: entered startup_64 at 0x" $T/lg.err
	check "run $1: guest decompressing" grep -q "guest: decompressing" $T/lg.err
	check "run $1: guest decompressed" grep -q "guest: decompressed (" $T/lg.err
	check "run $1: the decompressed kernel is $(uname -r)" \
		grep -q "says: Linux version $(uname -r) " $T/lg.err
	check "run $1: CPU 1 back online" cpu_online 1
	check "run $1: a process runs on CPU 1 again" taskset -c 1 sh -c 'exit 0'
	check "run $1: module holds no pages" [ "$(module_pages)" = 0 ]
	check "run $1: low block given back byte for byte" \
		[ "$(physread $lo $losz | sha256sum)" = "$low_before" ]
	check "run $1: trampoline page given back" [ "$(tramp_hash)" = "$tramp_before" ]
	echo "IO-APIC interrupts: $irq_before -> $irq_after"
	check "run $1: host IO-APIC interrupts kept flowing" [ "$irq_after" -gt "$irq_before" ]
	# Wall clock against the monotonic uptime: a jump shows as a difference.
	skew=$(awk -v w=$((wall_after - wall_before)) -v u0=$up_before -v u1=$up_after \
		'BEGIN { d = w - (u1 - u0); if (d < 0) d = -d; printf "%d\n", d }')
	check "run $1: host clock did not jump (skew ${skew}s)" [ "$skew" -le 2 ]
	check "run $1: host kernel log clean" sh -c \
		'! dmesg | grep -qi -e "WARNING:" -e "BUG:" -e "Oops" -e "hung task" -e "lockdep" -e "spurious" -e "IO-APIC"'
}

cycle 1
cycle 2

# The kernel proper, on to its end: without a root file system it panics;
# the service sees that in the guest's log, stops it, shows the log.
guest_log_checks() { # guest_log_checks NAME FILE
	check "$1: the MP table is not used (decoy IOAPIC skipped)" \
		grep -q "guest log: I/O APIC 0x[0-9a-f]* registers return all ones, skipping!" $2
	check "$1: SMP configuration from our MADT" \
		grep -q "guest log: ACPI: Using ACPI (MADT) for SMP configuration information" $2
	check "$1: no MP table read" sh -c "! grep -q 'guest log: Intel MultiProcessor' $2"
	check "$1: the guest got our command line" \
		grep -q "guest log: Kernel command line: pci=off numa=off hpet=disable" $2
	check "$1: TSC frequency from the host, no calibration hang" \
		sh -c "! grep -q 'guest log: tsc: Marking TSC unstable' $2"
	check "$1: one CPU" grep -q "guest log: smpboot: Allowing 1 CPUs, 0 hotplug CPUs" $2
	check "$1: no host interrupt reached the guest" \
		sh -c "! grep -q 'guest log: .*No irq handler for vector' $2"
	if [ "${LAB_APIC:-xapic}" = xapic ]; then
		check "$1: physical destination mode (no logical ID shared with the host)" \
			grep -q "guest log: Setting APIC routing to physical flat" $2
	fi
}
dmesg -c >/dev/null
sparecore -v run --cpu 1 --mem $MEM --kernel $K --initrd none >$T/panic.out 2>$T/panic.err
rc=$?
grep -v "guest log:" $T/panic.err; grep "guest log:" $T/panic.err | tail -5
check "no root fs: exit 2 (crashed)" [ $rc -eq 2 ]
check "no root fs: the service names the panic" \
	grep -q "guest kernel panicked (.*): Kernel panic - not syncing: VFS: Unable to mount root fs" $T/panic.err
check "no root fs: the log has the kernel's banner first" \
	grep -q "guest log: Linux version $(uname -r) " $T/panic.err
guest_log_checks "no root fs" $T/panic.err
check "no root fs: CPU 1 back online" cpu_online 1
check "no root fs: module holds no pages" [ "$(module_pages)" = 0 ]
check "no root fs: host kernel log clean" sh -c \
	'! dmesg | grep -qi -e "WARNING:" -e "BUG:" -e "Oops" -e "hung task" -e "lockdep" -e "spurious" -e "IO-APIC"'

# An initramfs: its /init (busybox) writes to the kernel log, which the
# host reads; then the guest is stopped.
mkdir -p $T/gi/bin
cp /bin/busybox $T/gi/bin/busybox
cat >$T/gi/init <<'INIT'
#!/bin/busybox sh
/bin/busybox mkdir -p /proc /dev
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev
n=$(/bin/busybox grep -c ^processor /proc/cpuinfo)
echo "sparecore-guest: userspace up: $(/bin/busybox uname -r), $n CPU" >/dev/kmsg
while :; do /bin/busybox sleep 1000; done
INIT
chmod +x $T/gi/init
(cd $T/gi && find . | busybox cpio -o -H newc 2>/dev/null) >$T/gi.cpio
check "guest initramfs built" [ -s $T/gi.cpio ]
dmesg -c >/dev/null
sparecore -v run --cpu 1 --mem $MEM --kernel $K --initrd $T/gi.cpio \
	--linux-stop-at "log:sparecore-guest: userspace up" >$T/user.out 2>$T/user.err
rc=$?
grep -v "guest log:" $T/user.err; grep "guest log:" $T/user.err | tail -3
check "initramfs: exit 0" [ $rc -eq 0 ]
check "initramfs: the guest's /init ran, on $(uname -r), with one CPU" \
	grep -q "guest log: sparecore-guest: userspace up: $(uname -r), 1 CPU" $T/user.err
check "initramfs: unpacked by the guest" grep -q "guest log: Freeing initrd memory" $T/user.err
guest_log_checks "initramfs" $T/user.err
check "initramfs: CPU 1 back online" cpu_online 1
check "initramfs: module holds no pages" [ "$(module_pages)" = 0 ]
check "initramfs: host kernel log clean" sh -c \
	'! dmesg | grep -qi -e "WARNING:" -e "BUG:" -e "Oops" -e "hung task" -e "lockdep" -e "spurious" -e "IO-APIC"'
rm -rf $T/gi $T/gi.cpio

# The guest initramfs `make guest` built (build/guest/, in the lab at
# /opt/sparecore/guest/): its /init loads sc_hvc.ko and starts a shell on
# the sparecore console. run --kernel takes it without --initrd.
# session NAME: boot it with a FIFO as the console's input; the shell's
# output in $T/NAME.out.
session_start() {
	rm -f $T/$1.in; mkfifo $T/$1.in
	dmesg -c >/dev/null
	t_start=$(now_ms)
	sparecore -v run --cpu 1 --mem $MEM --kernel $K --watchdog 10 \
		<$T/$1.in >$T/$1.out 2>$T/$1.err &
	spid=$!
	exec 3>$T/$1.in
}
session_end() { # session_end NAME RC WANT
	exec 3>&-
	grep -v "guest log:" $T/$1.err
	check "$1: exit $3" [ "$2" -eq "$3" ]
	check "$1: CPU 1 back online" cpu_online 1
	check "$1: module holds no pages" [ "$(module_pages)" = 0 ]
	check "$1: host kernel log clean" sh -c \
		'! dmesg | grep -qi -e "WARNING:" -e "BUG:" -e "Oops" -e "hung task" -e "lockdep" -e "spurious" -e "IO-APIC"'
}
check "make guest's initramfs is in the lab" [ -r /opt/sparecore/guest/initramfs-$(uname -r).cpio ]

session_start shell
wait_for $T/shell.out "/ # " 180
t_prompt=$(now_ms)
sipi=$(sed -n 's/^sparecore: \[ *\([0-9]*\)\.[0-9]* ms\] starting CPU.*/\1/p' $T/shell.err)
echo "boot: SIPI to shell prompt $((t_prompt - t_start - ${sipi:-0})) ms (start to prompt $((t_prompt - t_start)) ms)"
check "shell: the prompt came" grep -q "/ # " $T/shell.out
check "shell: the whole kernel log replayed on the console" grep -q "Linux version $(uname -r)" $T/shell.out
check "shell: console registered" grep -q "printk: console \[hvc0\] enabled" $T/shell.out
printf 'uname -r\ngrep -c ^processor /proc/cpuinfo\necho answer-$((6*7))\n' >&3
wait_for $T/shell.out "^answer-42" 60
check "shell: uname -r through the console" grep -q "^$(uname -r)" $T/shell.out
check "shell: one CPU in the guest's /proc/cpuinfo" grep -qx "1.\{0,1\}" $T/shell.out
check "shell: the guest's driver beats (watchdog quiet)" sh -c "! grep -q hung $T/shell.err"
t_off=$(now_ms)
printf 'poweroff\n' >&3
wait_pid $spid 60; rc=$?
echo "stop: poweroff to exit $(( $(now_ms) - t_off )) ms"
check "shell: the service says powered off" grep -q "guest on CPU 1 powered off" $T/shell.err
session_end shell $rc 0

session_start reboot
wait_for $T/reboot.out "/ # " 180
printf 'reboot\n' >&3
wait_pid $spid 60; rc=$?
check "reboot: stopped, not reset" grep -q "asked for a reboot: stopped instead (exit 5)" $T/reboot.err
check "reboot: the host is still here" [ -e /proc/self ]
session_end reboot $rc 5

session_start sysrq
wait_for $T/sysrq.out "/ # " 180
printf 'echo c >/proc/sysrq-trigger\n' >&3
wait_pid $spid 60; rc=$?
check "panic: the service names it" grep -q "guest kernel panicked (.*): Kernel panic - not syncing: sysrq triggered crash" $T/sysrq.err
session_end sysrq $rc 2
rm -f $T/*.in

summary linux_guest
