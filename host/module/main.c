// SPDX-License-Identifier: GPL-2.0
/*
 * sparecore.ko: takes CPUs away from Linux and runs a partition kernel on
 * them. This file holds the module parameters and /dev/sparecore itself;
 * the work is in part.c (lifecycle) and boot.c (START).
 */
#include "sparecore.h"

#include <linux/cc_platform.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

/*
 * The page below 1 MiB that START borrows for the trampoline. Linux
 * reserves the whole first MiB, and we save and restore the page around
 * each START. Readable so tests can check that the page comes back intact.
 */
unsigned long sc_tramp_page = 0x1000;
module_param_named(tramp_page, sc_tramp_page, ulong, 0444);
MODULE_PARM_DESC(tramp_page, "physical page below 640 KiB for the trampoline (default 0x1000)");

/* QEMU TCG boots a partition in seconds, not milliseconds. Capped like a
 * START's own timeout_ms: a value outside 1..SC_START_TIMEOUT_MAX_MS fails
 * at insmod and at run time alike (the setter runs for both). */
unsigned int sc_boot_timeout_ms = 10000;

static int sc_set_boot_timeout(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, SC_START_TIMEOUT_MAX_MS);
}

static const struct kernel_param_ops sc_boot_timeout_ops = {
	.set = sc_set_boot_timeout,
	.get = param_get_uint,
};
module_param_cb(boot_timeout_ms, &sc_boot_timeout_ops, &sc_boot_timeout_ms, 0644);
MODULE_PARM_DESC(boot_timeout_ms, "how long START waits for the partition to report up (ms, 1..600000)");

/*
 * AMD SME/SEV and Intel TDX: the started CPU would read the trampoline
 * and the page tables as ciphertext (it begins in real mode, without the
 * encryption bit in its page tables) and fault, and a triple fault resets
 * the platform. Refused at load and again at START.
 */
bool sc_mem_encrypted(void)
{
	if (!cc_platform_has(CC_ATTR_MEM_ENCRYPT))
		return false;
	pr_err("memory encryption (SME/SEV/TDX) is active: a partition CPU cannot start from unencrypted memory; refusing\n");
	return true;
}

/* Root only (mode 0600); the partition runs in ring 0 like this module. */
static struct miscdevice sc_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sparecore",
	.fops = &sc_fops,
	.mode = 0600,
};

static int __init sc_init(void)
{
	size_t blob = sc_tramp_blob_end - sc_tramp_blob;
	int ret;

	if (sc_mem_encrypted())
		return -EOPNOTSUPP;
	/* SIPI's vector is a page number below 1 MiB; lowpage.c says which. */
	ret = sc_lowpage_check(sc_tramp_page);
	if (ret)
		return ret;
	if (blob == 0 || blob > SC_TRAMP_PARAMS) {
		pr_err("trampoline is %zu bytes, must be 1..%u\n", blob,
		       SC_TRAMP_PARAMS);
		return -EINVAL;
	}
	ret = sc_lowmem_check_params();
	if (ret)
		return ret;
	ret = sc_cpuguard_init();
	if (ret)
		return ret;
	ret = sc_pmguard_init();
	if (ret) {
		pr_err("cannot register the suspend guard: %d\n", ret);
		sc_cpuguard_exit();
		return ret;
	}
	ret = misc_register(&sc_misc);
	if (ret) {
		pr_err("cannot register /dev/sparecore: %d\n", ret);
		sc_pmguard_exit();
		sc_cpuguard_exit();
		return ret;
	}
	pr_info("ready: ioctl ABI %u, trampoline page %#lx (%zu bytes)\n",
		SC_IOCTL_VERSION, sc_tramp_page, blob);
	return 0;
}

/* No partition can exist here: each holds a file, and a file holds us. */
static void __exit sc_exit(void)
{
	misc_deregister(&sc_misc);
	sc_pmguard_exit();
	sc_cpuguard_exit();
	pr_info("unloaded\n");
}

module_init(sc_init);
module_exit(sc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sparecore: dedicated-CPU partitions");
