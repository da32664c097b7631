#!/bin/sh
# make demo-shell: you are at the partition's prompt. Try help, info, echo,
# uptime, halt (or Ctrl-] to stop it). The VM powers off afterwards.
echo "Partition shell on CPU 1: type 'help'; 'halt' or Ctrl-] to leave."
sparecore run --cpu 1 --mem 64M
echo "sparecore exited with status $?; CPU 1 online: $(cat /sys/devices/system/cpu/cpu1/online)"
