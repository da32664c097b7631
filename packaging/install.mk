# `make install` and `make uninstall`; included by the top-level Makefile.
#
#   make install [PREFIX=/usr/local] [DESTDIR=] [SYSTEMD_UNITDIR=...]
#
# The binary finds the module and the partition image in <its dir>/../lib/
# sparecore/, so sbin/ and lib/sparecore/ both hang off PREFIX and are not
# settable on their own. DKMS only looks in /usr/src, whatever PREFIX is.
# Files with @NAME@ in them (unit, man pages, dkms.conf) get the paths of
# this install filled in.
#
# Named partitions' folders are not installed: /run/sparecore (0700) and
# /var/log/sparecore (0750) are made by the first `sparecore start`, with
# the modes that keep them root's; /run is a tmpfs made afresh at each
# boot anyway, and the logs are the admin's, which uninstall must leave
# (as it leaves /etc/sparecore unless empty), so an installed folder would
# only be one more thing for uninstall to decide about.

PREFIX ?= /usr/local
DESTDIR ?=
SBINDIR := $(PREFIX)/sbin
PKGLIBDIR := $(PREFIX)/lib/sparecore
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/sparecore
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSTEMD_UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc
DKMS_SRCDIR ?= /usr/src
DKMS_TREE := $(DKMS_SRCDIR)/sparecore-$(VERSION)

# What the DKMS tree carries: the module as it is in the repository, the
# ABI headers, and the trampoline as the binary the module embeds.
DKMS_MODULE_SRCS := $(wildcard host/module/*.c host/module/*.h host/module/*.S) \
	host/module/Kbuild
DKMS_HEADERS := $(wildcard include/sparecore/*.h)

INSTALL ?= install
SUBST := sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@SBINDIR@|$(SBINDIR)|g' \
	-e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@LIBDIR@|$(PREFIX)/lib|g' \
	-e 's|@UNITDIR@|$(SYSTEMD_UNITDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g'

.PHONY: install uninstall
install: $(BUILD)/sparecore $(BUILD)/partition.elf $(KMOD)/sparecore.ko $(BUILD)/tramp.bin
	$(INSTALL) -D -m 0755 $(BUILD)/sparecore $(DESTDIR)$(SBINDIR)/sparecore
	$(INSTALL) -D -m 0644 $(BUILD)/partition.elf $(DESTDIR)$(PKGLIBDIR)/partition.elf
	$(INSTALL) -D -m 0644 $(KMOD)/sparecore.ko $(DESTDIR)$(PKGLIBDIR)/sparecore.ko
	$(INSTALL) -d -m 0755 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5
	$(SUBST) packaging/sparecore.8 >$(DESTDIR)$(MANDIR)/man8/sparecore.8
	$(SUBST) packaging/sparecore.conf.5 >$(DESTDIR)$(MANDIR)/man5/sparecore.conf.5
	$(INSTALL) -D -m 0644 packaging/sparecore.bash-completion $(DESTDIR)$(BASHCOMPDIR)/sparecore
	$(INSTALL) -d -m 0755 $(DESTDIR)$(SYSTEMD_UNITDIR)
	$(SUBST) packaging/sparecore@.service.in >$(DESTDIR)$(SYSTEMD_UNITDIR)/sparecore@.service
	$(INSTALL) -D -m 0644 packaging/example.conf $(DESTDIR)$(DOCDIR)/example.conf
	$(INSTALL) -D -m 0644 packaging/sparecore.logrotate $(DESTDIR)$(SYSCONFDIR)/logrotate.d/sparecore
	$(INSTALL) -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/sparecore
	rm -rf $(DESTDIR)$(DKMS_TREE)
	$(INSTALL) -d -m 0755 $(DESTDIR)$(DKMS_TREE)/include/sparecore
	$(INSTALL) -m 0644 $(DKMS_MODULE_SRCS) $(DESTDIR)$(DKMS_TREE)/
	$(INSTALL) -m 0644 $(DKMS_HEADERS) $(DESTDIR)$(DKMS_TREE)/include/sparecore/
	$(INSTALL) -m 0644 $(BUILD)/tramp.bin $(DESTDIR)$(DKMS_TREE)/tramp.bin
	$(SUBST) packaging/dkms.conf.in >$(DESTDIR)$(DKMS_TREE)/dkms.conf
	chmod 0644 $(DESTDIR)$(MANDIR)/man8/sparecore.8 $(DESTDIR)$(MANDIR)/man5/sparecore.conf.5 \
		$(DESTDIR)$(SYSTEMD_UNITDIR)/sparecore@.service $(DESTDIR)$(DKMS_TREE)/dkms.conf

# A DKMS registration left behind would point at a tree that is gone, so it
# goes first (only on the real system: DESTDIR empty).
uninstall:
	@if [ -z "$(DESTDIR)" ] && command -v dkms >/dev/null && \
	    dkms status sparecore/$(VERSION) 2>/dev/null | grep -q .; then \
		echo "dkms remove sparecore/$(VERSION) --all"; \
		dkms remove sparecore/$(VERSION) --all; \
	fi
	rm -f $(DESTDIR)$(SBINDIR)/sparecore \
		$(DESTDIR)$(PKGLIBDIR)/partition.elf $(DESTDIR)$(PKGLIBDIR)/sparecore.ko \
		$(DESTDIR)$(MANDIR)/man8/sparecore.8 $(DESTDIR)$(MANDIR)/man5/sparecore.conf.5 \
		$(DESTDIR)$(BASHCOMPDIR)/sparecore \
		$(DESTDIR)$(SYSTEMD_UNITDIR)/sparecore@.service \
		$(DESTDIR)$(DOCDIR)/example.conf \
		$(DESTDIR)$(SYSCONFDIR)/logrotate.d/sparecore
	rm -rf $(DESTDIR)$(DKMS_TREE)
	-rmdir $(DESTDIR)$(PKGLIBDIR) $(DESTDIR)$(DOCDIR) 2>/dev/null
	@# Partition configs are the admin's: the folder stays unless empty.
	-rmdir $(DESTDIR)$(SYSCONFDIR)/sparecore 2>/dev/null
