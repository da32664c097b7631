#!/bin/sh
# Named partitions: start NAME (options from /etc/sparecore/NAME.conf),
# console, status --json, logs, stop; a name or CPU in use refused with the
# host unchanged; the end of a partition (crash) reaches an attached
# console and the log; kill -9 of a named service, and a service that does
# not answer `stop` (SIGSTOP), still give the CPU back; --foreground for
# systemd; non-root refused.
. /opt/sparecore/tests/e2e/lib.sh

mkdir -p /etc/sparecore
printf '# test partition\ncpu = 1\nmem = 32M\nwatchdog = 2\n' >/etc/sparecore/web.conf
rm -f /var/log/sparecore/web.log

js() { sparecore status --json; }
held() { echo "$(module_pages)/$(module_irqs)"; }
gone() { # NAME: no service, no socket, CPU 1 online, nothing held
	check "$1: CPU 1 online" cpu_online 1
	check "$1: module holds 0 pages, 0 IRQs" [ "$(held)" = "0/0" ]
	check "$1: no socket left" [ ! -e /run/sparecore/web.sock ]
	check "$1: status lists no partition" sh -c 'sparecore status | grep -q "^no partitions"'
}

# --- start: detached, up, options from the file
sparecore start web >$T/s.out 2>$T/s.err &
spid=$!
wait_pid $spid 60; rc=$?
cat $T/s.out $T/s.err
check "start: exit 0" [ $rc -eq 0 ]
check "start: says where the console and log are" \
	grep -q "^partition web is up on CPU 1 (.*); console: sparecore console web; log: /var/log/sparecore/web.log" $T/s.out
check "start: nothing on stderr" [ ! -s $T/s.err ]
check "start: CPU 1 taken" [ "$(cat /sys/devices/system/cpu/cpu1/online)" = 0 ]
sparecore status
check "status: web on CPU 1, running, 32M, console" \
	sh -c 'sparecore status | grep -Eq "^web +1 +running +32M .* console$"'
js >$T/j1
cat $T/j1
check "status --json: name, cpu, memory, state" sh -c "[ '$(status_field web cpu)' = 1 ] && [ '$(status_field web memory_bytes)' = 33554432 ] && [ '$(status_field web state)' = running ]"
check "status --json: the module's counters" grep -q '"doorbell_irqs": 1' $T/j1
DPID=$(status_field web pid)
check "status --json: the service's pid is a live process ($DPID)" kill -0 "$DPID"

# --- a name in use, a CPU in use: refused, host unchanged
before=$(held)
sparecore start web >$T/b.out 2>$T/b.err; rc=$?
cat $T/b.err
check "name in use: exit 1" [ $rc -eq 1 ]
check "name in use: one line naming the service" \
	sh -c "[ \$(wc -l <$T/b.err) -eq 1 ] && grep -q 'partition web is already running (service pid $DPID)' $T/b.err"
sparecore start other --cpu 1 >$T/b.out 2>$T/b.err; rc=$?
cat $T/b.err
check "CPU in use: exit 1" [ $rc -eq 1 ]
check "CPU in use: says so" grep -q "CPU 1" $T/b.err
check "CPU in use: no service named other left" sh -c '! sparecore status other 2>/dev/null'
check "CPU in use: no socket of other's" [ ! -e /run/sparecore/other.sock ]
check "refusals: module holds what it held ($before)" [ "$(held)" = "$before" ]
check "refusals: web still answers" [ "$(status_field web state)" = running ]

# --- console: piped input typed into the partition, output back
rm -f $T/cin; mkfifo $T/cin
sparecore console web <$T/cin >$T/c.out 2>$T/c.err &
cpid=$!
exec 3>$T/cin
echo "echo hello-named" >&3
wait_for $T/c.out "hello-named" 30
check "console: the partition's answer comes back" grep -q "^hello-named" $T/c.out
sparecore console web </dev/null >$T/c2.out 2>$T/c2.err; rc=$?
cat $T/c2.err
check "second console: refused, exit 1" [ $rc -eq 1 ]
check "second console: says one is attached" grep -q "partition web already has a console attached (pid $cpid)" $T/c2.err
check "status: console attached" sh -c "sparecore status --json | grep -q '\"console_attached\": true'"
kill $cpid; wait_pid $cpid 10; rc=$?
exec 3>&-
check "console: a signal detaches it (exit 0)" [ $rc -eq 0 ]
check "console: the partition runs on" [ "$(status_field web state)" = running ]
check "status: input bytes counted ($(status_field web bytes_in))" [ "$(status_field web bytes_in)" -ge 17 ]
check "status: output bytes counted ($(status_field web bytes_out))" [ "$(status_field web bytes_out)" -gt 0 ]
# A console attaches again once the first is gone.
echo "echo again" | sparecore console web >$T/c3.out 2>&1 &
c3=$!
wait_for $T/c3.out "^again" 30
check "console: attaches again after a detach" grep -q "^again" $T/c3.out
kill $c3; wait $c3

# --- logs: console output and the header
sparecore logs web >$T/l.out; rc=$?
check "logs: exit 0" [ $rc -eq 0 ]
check "logs: the service's header" grep -q "^sparecore: --- partition web, service pid $DPID" $T/l.out
check "logs: the console output" grep -q "^hello-named" $T/l.out
sparecore logs web -f >$T/lf.out 2>&1 &
lfpid=$!

# --- stop
t0=$(now_ms)
sparecore stop web >$T/st.out 2>$T/st.err; rc=$?
t1=$(now_ms)
cat $T/st.out $T/st.err
echo "stop: $((t1 - t0)) ms"
check "stop: exit 0" [ $rc -eq 0 ]
check "stop: says it stopped (exit 0)" grep -q "^partition web stopped (exit 0)" $T/st.out
check "stop: the service is gone" sh -c "! kill -0 $DPID 2>/dev/null"
gone stop
wait_pid $lfpid 10; rc=$?
check "logs -f: ends by itself when the partition stops" [ $rc -eq 0 ]
check "logs -f: saw why it stopped" grep -q "sparecore stop web (pid [0-9]*): stopping the partition" $T/lf.out
check "logs -f: saw the CPU come back" grep -q "CPU 1 is back online" $T/lf.out
sparecore stop web >$T/st.out 2>$T/st.err; rc=$?
check "stop again: exit 1, not running" sh -c "[ $rc -eq 1 ] && grep -q 'no partition named web is running' $T/st.err"

# --- a crash reaches the attached console and the log
sparecore start web >/dev/null 2>&1 || fail "start for crash"
rm -f $T/cin; mkfifo $T/cin
sparecore console web <$T/cin >$T/c.out 2>$T/c.err &
cpid=$!
exec 3>$T/cin
echo "echo ready" >&3
wait_for $T/c.out "^ready" 30
echo "crash ud" >&3
wait_pid $cpid 20; rc=$?
exec 3>&-
cat $T/c.out
check "crash: the console ends (exit 0)" [ $rc -eq 0 ]
check "crash: the console's last line says so" grep -q "sparecore: partition web crashed; CPU 1 is back online" $T/c.out
sparecore logs web >$T/l.out
check "crash: the report is in the log" grep -q "vector 6 (#UD invalid opcode)" $T/l.out
gone crash

# --- kill -9 of the service: the CPU comes back, the name is free again
sparecore start web >/dev/null 2>&1 || fail "start for kill"
DPID=$(status_field web pid)
t0=$(now_ms)
kill -9 $DPID
n=0; while ! cpu_online 1 && [ $n -lt 100 ]; do usleep 10000; n=$((n + 1)); done
echo "kill -9: CPU 1 online after $(($(now_ms) - t0)) ms"
check "kill -9: CPU 1 online within a second" cpu_online 1
check "kill -9: module holds nothing" [ "$(held)" = "0/0" ]
sparecore start web >$T/s.out 2>&1; rc=$?
cat $T/s.out
check "kill -9: the same name starts again at once (stale socket replaced)" [ $rc -eq 0 ]

# --- a service that does not answer stop: killed after --timeout
DPID=$(status_field web pid)
kill -STOP $DPID
sparecore status >$T/ss.out 2>&1
cat $T/ss.out
check "status: a stopped service is shown as not answering" grep -q "^web .*not answering" $T/ss.out
sparecore stop web --timeout 1 >$T/st.out 2>$T/st.err; rc=$?
cat $T/st.out $T/st.err
check "stop --timeout: exit 0" [ $rc -eq 0 ]
check "stop --timeout: says it killed the service" \
	grep -q "partition web did not stop within 1.0 s; killing its service (pid $DPID)" $T/st.err
gone "stop --timeout"

# --- --foreground (systemd): SIGTERM stops it
sparecore start web --foreground >$T/fg.out 2>$T/fg.err &
fpid=$!
n=0; while [ "$(status_field web state)" != running ] && [ $n -lt 600 ]; do usleep 100000; n=$((n + 1)); done
check "foreground: running, the service is this process" [ "$(status_field web pid)" = "$fpid" ]
kill -TERM $fpid; wait_pid $fpid 10; rc=$?
cat $T/fg.err
check "foreground: SIGTERM -> exit 143" [ $rc -eq 143 ]
check "foreground: messages on its stderr" grep -q "Terminated: stopping the partition" $T/fg.err
gone foreground

# --- not root
for cmd in "start web" "stop web" "console web"; do
	setpriv --reuid=65534 --regid=65534 --clear-groups sparecore $cmd </dev/null >$T/nr.out 2>$T/nr.err
	rc=$?
	check "non-root '$cmd': exit 1, one line ($(cat $T/nr.err))" \
		sh -c "[ $rc -eq 1 ] && [ \$(wc -l <$T/nr.err) -eq 1 ]"
done
check "non-root: CPU 1 online, nothing held" sh -c '[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] && [ "$(sparecore status | sed -n "s/^module: //p")" = "0 pages, 0 doorbell IRQs allocated" ]'

rm -f /etc/sparecore/web.conf
summary named
