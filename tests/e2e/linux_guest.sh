#!/bin/sh
# A Linux guest (issue 16, steps reached so far): the lab's own kernel
# image booted on CPU 1 from the 64-bit entry, watched through its memory
# until it has decompressed itself, then stopped. Bad input is refused
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

summary linux_guest
