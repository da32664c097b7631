// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The shell: one line at a time, edited locally with echo (the host sends
 * raw key strokes and prints raw bytes, like a serial line). Lines end at
 * \r, \n or \r\n; a \n right after a \r-ended line is the rest of that
 * line's \r\n and is swallowed, so it gives no second prompt.
 *
 * The output of "info" is parsed by tests: change its lines only together
 * with them.
 */
#include "shell.h"

#include <sparecore/compiler.h>

#include "pv_console.h"
#include "acpi_report.h"
#include "apic.h"
#include "blk_cmd.h"
#include "boot.h"
#include "cpu.h"
#include "faults.h"
#include "kprintf.h"
#include "kstring.h"
#include "memmap.h"
#include "net_shell.h"
#include "noise.h"
#include "ringbench.h"
#include "timer.h"

#define PROMPT "sparecore> "
#define LINE_MAX 128
#define ARGS_MAX 16
#define HALT_DRAIN_MS 200 /* let the host print our last words */

static char line[LINE_MAX];
static bool last_was_cr;

static void echo(const char *s)
{
	console_write(s, strlen(s));
}

static void echo_char(char c)
{
	console_write(&c, 1);
}

/* Escape sequences (arrow keys: ESC [ A) are swallowed, not inserted. */
enum esc_state { ESC_NONE, ESC_SEEN, ESC_CSI };

/* Read one line into line[] (NUL-terminated). Never returns if the
 * console has no input: we can only idle then. */
static void read_line(void)
{
	enum esc_state esc = ESC_NONE;
	size_t len = 0;

	for (;;) {
		int c = console_getc_wait();

		if (c < 0) {
			/* No input ring: nothing left for the shell to do.
			 * Idle with interrupts on so the heartbeat goes on. */
			for (;;)
				irq_enable_and_wait();
		}
		if (c == '\n' && last_was_cr) {
			last_was_cr = false;
			continue;
		}
		last_was_cr = false;

		if (esc == ESC_SEEN) {
			esc = c == '[' ? ESC_CSI : ESC_NONE;
			continue;
		}
		if (esc == ESC_CSI) {
			/* Parameters and intermediates until a final byte. */
			if (c >= 0x40 && c <= 0x7e)
				esc = ESC_NONE;
			continue;
		}

		switch (c) {
		case '\r':
			last_was_cr = true;
			/* fall through */
		case '\n':
			echo("\n");
			line[len] = '\0';
			return;
		case '\b':
		case 0x7f: /* DEL: what most terminals send for backspace */
			if (len) {
				len--;
				echo("\b \b");
			}
			break;
		case 0x03: /* Ctrl-C: drop the line */
			echo("^C\n");
			line[0] = '\0';
			return;
		case 0x15: /* Ctrl-U: erase the line */
			while (len) {
				len--;
				echo("\b \b");
			}
			break;
		case 0x1b:
			esc = ESC_SEEN;
			break;
		case '\t':
			c = ' ';
			/* fall through */
		default:
			if (c >= 0x20 && c < 0x7f && len < LINE_MAX - 1) {
				line[len++] = (char)c;
				echo_char((char)c);
			}
			break;
		}
	}
}

/* Split line[] in place at blanks. */
static int split(char **argv)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p || argc == ARGS_MAX)
			return argc;
		argv[argc++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

/* ---------------------------------------------------------------- commands */

static void print_uptime(void)
{
	uint64_t ms = uptime_ms();

	kprintf("uptime: %llu.%03llu s\n", (unsigned long long)(ms / 1000),
		(unsigned long long)(ms % 1000));
}

static void cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	kprintf("commands:\n"
		"  help             this list\n"
		"  info             cpu, APIC, memory, TSC and uptime\n"
		"  echo ARGS        print ARGS\n"
		"  uptime           time since start\n"
		"  mem              the e820 memory map\n"
		"  acpi             the ACPI tables and the devices they name\n"
		"  halt             stop the partition\n"
		"  crash [pf|past|ud|gp|df] raise an exception (test the crash\n"
		"                   report; past: write past partition memory)\n"
		"  crash triple     triple fault: resets the whole machine on\n"
		"                   QEMU and many PCs, not just this CPU\n"
		"  hang [cli|loop]  stop the heartbeat (test the host's watchdog)\n"
		"  flood [LINES]    print lines until LINES or any key\n"
		"  net              network settings and counters\n"
		"  ping [-c N] [-s SIZE] [-i MS] ADDRESS  ICMP echo with RTTs\n"
		"  blk ...          the disk (blk help)\n"
		"  noise [N] [US]   OS noise: N runs of a US-microsecond work quantum\n"
		"  ringbench [N] [floor|poll|ipi]  N round trips to the host: one\n"
		"                   cache line, the bench ring polled, or by doorbells\n");
}

static void cmd_info(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	kprintf("cpu: %u\n", boot_info->cpu);
	kprintf("apic id: %u\n", apic_ready() ? apic_id() : boot_info->apic_id);
	kprintf("apic mode: %s\n", apic_mode_name());
	kprintf("memory: %llu MiB\n",
		(unsigned long long)(boot_info->mem_size >> 20));
	kprintf("tsc: %llu kHz\n", (unsigned long long)tsc_khz());
	print_uptime();
}

static void cmd_echo(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		kprintf(i > 1 ? " %s" : "%s", argv[i]);
	kprintf("\n");
}

static void cmd_uptime(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	print_uptime();
}

static void cmd_mem(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	memmap_print();
}

static void cmd_acpi(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	acpi_print();
}

static void cmd_halt(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	kprintf("partition halting\n");
	console_drain(HALT_DRAIN_MS);
	/* Interrupts off first: no tick may run once we said HALTED. */
	irq_disable();
	boot_set_state(SC_STATE_HALTED);
	apic_doorbell_host();
	halt_forever();
}

struct command {
	const char *name;
	void (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "help", cmd_help },     { "info", cmd_info }, { "echo", cmd_echo },
	{ "uptime", cmd_uptime }, { "halt", cmd_halt }, { "crash", cmd_crash },
	{ "mem", cmd_mem },       { "acpi", cmd_acpi },
	{ "net", cmd_net },       { "ping", cmd_ping },
	{ "blk", cmd_blk },
	{ "hang", cmd_hang },     { "flood", cmd_flood },
	{ "noise", cmd_noise },   { "ringbench", cmd_ringbench },
};

static void run_line(void)
{
	char *argv[ARGS_MAX];
	int argc = split(argv);

	if (!argc)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(argv[0], commands[i].name)) {
			commands[i].run(argc, argv);
			return;
		}
	}
	kprintf("unknown command: %s (try help)\n", argv[0]);
}

void shell_run(void)
{
	for (;;) {
		echo(PROMPT);
		read_line();
		run_line();
	}
}
