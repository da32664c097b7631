// SPDX-License-Identifier: GPL-2.0
/*
 * The TAP backend. Everything the partition wrote is checked by
 * net_validate.c before we act on it; a descriptor we refuse is completed
 * with an error, so the partition gets every buffer back.
 *
 * Notification: we ask for a doorbell on TX always (a frame to send wakes
 * us), on RX_POST only when we are nearly out of receive buffers (a
 * partition reposts a buffer for every frame it takes, and a doorbell for
 * each would double the IPIs), and on the completion rings only when they
 * are full.
 */
#include "net_backend.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sparecore/devices.h>

#include "backend.h"
#include "net_validate.h"
#include "ring_broken.h"
#include "util.h"

#define TUN_PATH "/dev/net/tun"
#define RX_BUDGET 64      /* frames per service call, so the console */
#define TX_BUDGET 64      /* stays responsive under a flood */
#define POOL_LOW 32       /* below this many buffers, ask for more */

static int open_tun(void)
{
	int fd = open(TUN_PATH, O_RDWR | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT) {
		/* A modular kernel creates the node when tun loads. */
		if (system("modprobe -q tun 2>/dev/null") == 0)
			fd = open(TUN_PATH, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT) {
			sc_err("--net: no %s: this kernel has no TUN/TAP support (CONFIG_TUN; modprobe tun)",
			       TUN_PATH);
			return -1;
		}
	}
	if (fd < 0)
		sc_err("--net: cannot open %s: %m", TUN_PATH);
	return fd;
}

static bool netdev_exists(const char *name)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/class/net/%s", name);
	return stat(path, &st) == 0;
}

static int set_host_ip(const char *name, uint32_t ip, unsigned prefix)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
	uint32_t mask = prefix >= 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ret = -1;

	if (s < 0) {
		sc_err("--host-ip: socket: %m");
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(ip);
	if (ioctl(s, SIOCSIFADDR, &ifr)) {
		sc_err("--host-ip: cannot give %s its address: %m", name);
		goto out;
	}
	sin->sin_addr.s_addr = htonl(mask);
	if (ioctl(s, SIOCSIFNETMASK, &ifr)) {
		sc_err("--host-ip: cannot set the netmask of %s: %m", name);
		goto out;
	}
	if (ioctl(s, SIOCGIFFLAGS, &ifr)) {
		sc_err("--host-ip: cannot read the flags of %s: %m", name);
		goto out;
	}
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr)) {
		sc_err("--host-ip: cannot bring %s up: %m", name);
		goto out;
	}
	ret = 0;
out:
	close(s);
	return ret;
}

int sc_net_open(struct sc_net *n, const struct sc_net_args *a)
{
	struct ifreq ifr;

	memset(n, 0, sizeof(*n));
	n->fd = -1;
	if (!a->tap)
		return 0;
	snprintf(n->ifname, sizeof(n->ifname), "%s", a->tap);
	n->created = !netdev_exists(n->ifname);
	n->fd = open_tun();
	if (n->fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	/* No packet-information header: the TAP device hands us bare
	 * Ethernet frames, exactly what the partition puts on the wire. */
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", n->ifname);
	if (ioctl(n->fd, TUNSETIFF, &ifr)) {
		int e = errno;

		if (e == EBUSY)
			sc_err("--net: TAP device %s is in use by another process",
			       n->ifname);
		else if (e == EINVAL && !n->created)
			sc_err("--net: %s exists and is not a TAP device we can attach to",
			       n->ifname);
		else if (e == EPERM)
			sc_err("--net: not permitted to %s TAP device %s",
			       n->created ? "create" : "attach to", n->ifname);
		else
			sc_err("--net: cannot set up TAP device %s: %s", n->ifname,
			       strerror(e));
		sc_net_close(n);
		return -1;
	}
	sc_step("%s TAP device %s", n->created ? "created" : "attached to",
		n->ifname);
	if (a->host_ip) {
		if (set_host_ip(n->ifname, a->host_ip, a->host_prefix)) {
			sc_net_close(n);
			return -1;
		}
		sc_step("%s: host address %u.%u.%u.%u/%u, up", n->ifname,
			a->host_ip >> 24, a->host_ip >> 16 & 255,
			a->host_ip >> 8 & 255, a->host_ip & 255, a->host_prefix);
	}
	return 0;
}

int sc_net_setup(struct sc_net *n, struct sc_part *p)
{
	struct sc_boot_info *bi = p->bi;
	struct sc_ring *r[SC_NET_RINGS] = { &n->rx_post, &n->rx_done, &n->tx,
					    &n->tx_done };
	static const enum sc_ring_id ids[SC_NET_RINGS] = {
		SC_RING_NET_RX_POST, SC_RING_NET_RX_DONE, SC_RING_NET_TX,
		SC_RING_NET_TX_DONE,
	};

	if (n->fd < 0)
		return 0;
	n->mem = p->mem;
	n->mem_size = p->mem_size;
	for (unsigned i = 0; i < SC_NET_RINGS; i++) {
		enum sc_ring_id id = ids[i];

		sc_ring_init(sc_part_ring(p, id), SC_NET_RING_ORDER);
		if (sc_ring_attach(r[i], sc_part_ring(p, id),
				   SC_RING_BYTES(SC_NET_RING_ORDER))) {
			sc_err("internal error: network rings do not attach");
			return -1;
		}
	}
	sc_device_announce(bi, SC_DEV_NET);
	return 0;
}

/* Put a completion on ring r; the caller checked there is room. */
static void complete(struct sc_ring *r, unsigned type, uint16_t id,
		     uint32_t len, unsigned status)
{
	struct sc_slot *s = sc_ring_prod_next(r);
	struct sc_net_desc d = { .addr = 0, .len = len, .id = id,
				 .status = (uint16_t)status };

	if (!s)
		return;
	s->type = (uint16_t)type;
	s->len = sizeof(d);
	memcpy(s->data, &d, sizeof(d));
	sc_ring_prod_commit(r);
}

/* A refused descriptor: one line in the host's log, rate-limited so a
 * hostile partition cannot flood it; the error completion is its answer. */
static void refused(struct sc_net *n, const char *ring,
		    const struct sc_net_desc *d, unsigned st)
{
	unsigned long long dropped;
	bool ok = sc_ratelimit_ok(&n->log, sc_now_ns(), &dropped);

	n->bad_desc++;
	if (dropped)
		sc_err("%s: %llu more messages not shown", n->ifname, dropped);
	if (ok)
		sc_err("%s: refused %s descriptor (id %u, address 0x%llx, length %u): %s",
		       n->ifname, ring, d->id, (unsigned long long)d->addr,
		       d->len, sc_net_status_name(st));
}

/* RX_POST -> our pool, while both the pool and RX_DONE have room (a bad
 * post is completed at once, so it needs a completion slot). */
static void take_posts(struct sc_net *n)
{
	struct sc_slot s;
	struct sc_net_desc d;

	while (n->pool_n < SC_NET_POOL && sc_ring_prod_next(&n->rx_done) &&
	       sc_ring_cons_take(&n->rx_post, &s)) {
		unsigned st = sc_net_check_desc(&s, SC_NET_RX_BUF, n->mem_size, &d);

		if (st != SC_NET_OK) {
			refused(n, "receive", &d, st);
			complete(&n->rx_done, SC_NET_RX_FRAME, d.id, 0, st);
			continue;
		}
		n->pool[(n->pool_head + n->pool_n) % SC_NET_POOL] = d;
		n->pool_n++;
	}
}

static void do_tx(struct sc_net *n)
{
	struct sc_slot s;
	struct sc_net_desc d;
	unsigned budget = TX_BUDGET;

	while (sc_ring_prod_next(&n->tx_done) && sc_ring_cons_take(&n->tx, &s)) {
		unsigned st = sc_net_check_desc(&s, SC_NET_TX_FRAME, n->mem_size, &d);

		if (st == SC_NET_OK) {
			/* Straight from partition memory: d is our checked copy,
			 * so [addr, addr + len) is inside the partition. */
			ssize_t w = write(n->fd, n->mem + d.addr, d.len);

			if (w == (ssize_t)d.len) {
				n->tx_frames++;
				n->tx_bytes += d.len;
			} else {
				n->tx_errors++;
				st = SC_NET_E_IO;
			}
		} else {
			refused(n, "transmit", &d, st);
		}
		complete(&n->tx_done, SC_NET_TX_COMPLETE, d.id, d.len, st);
		if (!--budget) {
			n->busy = true;
			break;
		}
	}
}

static void do_rx(struct sc_net *n)
{
	unsigned budget = RX_BUDGET;

	while (n->pool_n && sc_ring_prod_next(&n->rx_done)) {
		struct sc_net_desc *d = &n->pool[n->pool_head];
		ssize_t r = read(n->fd, n->mem + d->addr, d->len);

		if (r < 0) {
			if (errno != EAGAIN && errno != EINTR)
				sc_err("--net: reading %s: %m", n->ifname);
			return;
		}
		if (r == 0)
			return;
		if ((size_t)r > d->len) {
			/* The TAP device cut the frame to the buffer and told
			 * us its real length: drop it, keep the buffer. */
			n->rx_oversize++;
			continue;
		}
		complete(&n->rx_done, SC_NET_RX_FRAME, d->id, (uint32_t)r, SC_NET_OK);
		n->pool_head = (n->pool_head + 1) % SC_NET_POOL;
		n->pool_n--;
		n->rx_frames++;
		n->rx_bytes += (unsigned long long)r;
		if (!--budget) {
			n->busy = true;
			return;
		}
	}
}

bool sc_net_service(struct sc_net *n)
{
	bool kick = false;

	if (n->fd < 0)
		return false;
	n->busy = false;
	take_posts(n);
	do_tx(n);
	do_rx(n);
	take_posts(n);
	/* One flush per ring per pass: a burst costs one doorbell. Consumer
	 * indices first, so a partition that sees a completion also sees
	 * the slot its buffer was posted in as free for the repost. */
	kick |= sc_ring_cons_flush(&n->rx_post);
	kick |= sc_ring_cons_flush(&n->tx);
	kick |= sc_ring_prod_flush(&n->rx_done);
	kick |= sc_ring_prod_flush(&n->tx_done);
	return kick;
}

bool sc_net_arm(struct sc_net *n)
{
	bool more = n->busy;

	if (n->fd < 0)
		return false;
	more |= sc_ring_cons_wait_arm(&n->tx) && sc_ring_prod_next(&n->tx_done);
	if (n->pool_n < POOL_LOW)
		more |= sc_ring_cons_wait_arm(&n->rx_post) &&
			n->pool_n < SC_NET_POOL && sc_ring_prod_next(&n->rx_done);
	if (!sc_ring_prod_next(&n->tx_done))
		more |= sc_ring_prod_wait_arm(&n->tx_done);
	if (!sc_ring_prod_next(&n->rx_done))
		more |= sc_ring_prod_wait_arm(&n->rx_done);
	return more;
}

bool sc_net_broken(const struct sc_net *n, char *why, unsigned len)
{
	/* The completion rings are ours to produce into; the partition's
	 * own rings we consume by slot sequence numbers and cannot break. */
	if (n->fd < 0)
		return false;
	return sc_ring_broken_why(&n->rx_done, "network receive-done", why, len) ||
	       sc_ring_broken_why(&n->tx_done, "network transmit-done", why, len);
}

bool sc_net_wants_rx(struct sc_net *n)
{
	/* Both a buffer and a completion slot, or a readable TAP device
	 * would wake poll() for nothing, again and again. */
	return n->fd >= 0 && n->pool_n > 0 && sc_ring_prod_next(&n->rx_done);
}

void sc_net_close(struct sc_net *n)
{
	unsigned long long dropped;

	if (n->fd < 0)
		return;
	dropped = sc_ratelimit_flush(&n->log);
	if (dropped)
		sc_err("%s: %llu more messages not shown", n->ifname, dropped);
	if (n->bad_desc || n->tx_errors || n->rx_oversize || sc_verbose)
		sc_err("%s: rx %llu frames %llu bytes, tx %llu frames %llu bytes, %llu bad descriptors, %llu tx errors, %llu oversize frames",
		       n->ifname, n->rx_frames, n->rx_bytes, n->tx_frames,
		       n->tx_bytes, n->bad_desc, n->tx_errors, n->rx_oversize);
	close(n->fd);
	n->fd = -1;
}

/* ------------------------------------------------- as a backend (backend.h) */

static int net_setup_op(void *dev, struct sc_part *p)
{
	return sc_net_setup(dev, p);
}

static bool net_work(void *dev)
{
	return sc_net_service(dev);
}

static bool net_arm(void *dev)
{
	return sc_net_arm(dev);
}

/* Frames wait in the TAP device's queue until we have buffers. */
static int net_pollfds(void *dev, struct pollfd *pfd, int max)
{
	struct sc_net *n = dev;

	if (max < 1 || !sc_net_wants_rx(n))
		return 0;
	pfd[0] = (struct pollfd){ .fd = n->fd, .events = POLLIN };
	return 1;
}

static bool net_broken(const void *dev, char *why, unsigned len)
{
	return sc_net_broken(dev, why, len);
}

static unsigned long long net_moved(const void *dev)
{
	const struct sc_net *n = dev;

	return n->rx_frames + n->tx_frames + n->bad_desc;
}

static void net_close_op(void *dev)
{
	sc_net_close(dev);
}

const struct sc_backend_ops sc_net_backend_ops = {
	.name = "network",
	.setup = net_setup_op,
	.work = net_work,
	.arm = net_arm,
	.pollfds = net_pollfds,
	.broken = net_broken,
	.moved = net_moved,
	.close = net_close_op,
};
