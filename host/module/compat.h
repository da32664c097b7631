/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where the module meets differences between the kernels it
 * supports (Debian 12's 6.1, the 6.12 series, 6.12 PREEMPT_RT). Each entry
 * names the release that changed the interface; the rest of the module
 * uses only the names defined here, never LINUX_VERSION_CODE itself.
 */
#ifndef SPARECORE_COMPAT_H
#define SPARECORE_COMPAT_H

#include <linux/mm.h>
#include <linux/version.h>

/*
 * 6.3 made vma->vm_flags read-only (writes go through vm_flags_set(), which
 * asserts the mmap lock is held for writing: it is, in ->mmap).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
static inline void sc_vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->vm_flags |= flags;
}
#else
static inline void sc_vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	vm_flags_set(vma, flags);
}
#endif

#endif /* SPARECORE_COMPAT_H */
