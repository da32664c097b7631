// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A small TCP (RFC 793, 9293) that serves one thing: the status page on
 * port 80. The partition is always the passive side:
 *
 *   SYN -> SYN-ACK (SYN_RCVD) -> ACK (ESTABLISHED) -> request bytes until
 *   the blank line that ends the header -> the response and our FIN in as
 *   few segments as the peer's MSS allows (FIN_WAIT) -> peer ACKs and FINs
 *   -> we ACK it and linger briefly (DONE) to re-ACK a retransmitted FIN.
 *
 * Only in-order data is taken (the rest is re-ACKed so the peer resends);
 * our unacknowledged data is resent from the first unacknowledged byte on
 * a doubling timeout. A few connections at once, so a stale one cannot
 * block the next client. Segments to other ports get a RST.
 */
#include "netstack.h"

#include "bytes.h"

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

#define TCP_CONNS 4
#define TCP_REQ_MAX 1024      /* we keep this much of a request */
#define TCP_RESP_MAX 2048
#define TCP_WINDOW 8192
#define TCP_MSS_OURS (NET_MTU - NET_IP_HLEN - NET_TCP_HLEN)
#define TCP_MSS_DEFAULT 536   /* RFC 9293 when the peer sends none */
#define TCP_RTO_US 200000ull
#define TCP_RTO_MAX_US 3000000ull
#define TCP_RETRIES 6
#define TCP_FIN_WAIT_US 10000000ull /* peer never closes: give up */
#define TCP_LINGER_US 2000000ull
#define TCP_IDLE_US 10000000ull     /* connected, no request: give up */

enum tcp_state { T_FREE, T_SYN_RCVD, T_ESTAB, T_FIN_WAIT, T_DONE };

struct tcp_conn {
	uint8_t state;
	bool fin_rcvd;
	uint8_t retries;
	uint32_t ip;
	uint16_t port;
	uint16_t mss;
	uint32_t iss, snd_una, snd_nxt, rcv_nxt;
	uint64_t deadline;  /* retransmit, or give up, or free */
	uint64_t rto;
	size_t req_len, resp_len;
	char req[TCP_REQ_MAX];
	uint8_t resp[TCP_RESP_MAX];
};

static struct tcp_conn conns[TCP_CONNS];
static uint32_t iss_salt;

/* Sequence-number comparisons, modulo 2^32. */
static bool seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

void tcp_reset(void)
{
	memset(conns, 0, sizeof(conns));
}

static void bad(uint64_t *why)
{
	(*why)++;
	net_stats.rx_errors++;
	net_stats.rx_drops++;
}

/* Send one segment: our port 80 to ip:port. */
static void send_seg(uint32_t ip, uint16_t sport, uint16_t dport, uint32_t seq,
		     uint32_t ack, uint8_t flags, const uint8_t *data, size_t len,
		     bool mss_opt)
{
	uint8_t *buf = netif_tx_buf(), *t;
	size_t hlen = NET_TCP_HLEN + (mss_opt ? 4 : 0);
	uint16_t c;

	if (!buf) {
		net_stats.tx_nobuf++;
		net_stats.tx_drops++;
		return;
	}
	t = buf + NET_L4_OFF;
	put16(t, sport);
	put16(t + 2, dport);
	put32(t + 4, seq);
	put32(t + 8, (flags & TCP_ACK) ? ack : 0);
	t[12] = (uint8_t)(hlen / 4) << 4;
	t[13] = flags;
	put16(t + 14, TCP_WINDOW);
	put16(t + 16, 0);
	put16(t + 18, 0);
	if (mss_opt) {
		t[20] = 2; /* kind MSS, length 4 */
		t[21] = 4;
		put16(t + 22, TCP_MSS_OURS);
	}
	if (len)
		memcpy(t + hlen, data, len);
	c = csum_fold(csum_add(csum_pseudo(net_cfg.ip, ip, IPPROTO_TCP_, hlen + len),
			       t, hlen + len));
	put16(t + 16, c);
	ipv4_output(buf, ip, IPPROTO_TCP_, hlen + len);
}

static void send_ack(struct tcp_conn *c)
{
	send_seg(c->ip, NET_HTTP_PORT, c->port, c->snd_nxt, c->rcv_nxt, TCP_ACK,
		 0, 0, false);
}

/* Everything from seq on: SYN-ACK, or response bytes and the FIN. */
static void send_from(struct tcp_conn *c, uint32_t seq)
{
	uint32_t data_start = c->iss + 1, fin_seq = data_start + (uint32_t)c->resp_len;

	if (c->state == T_SYN_RCVD) {
		send_seg(c->ip, NET_HTTP_PORT, c->port, c->iss, c->rcv_nxt,
			 TCP_SYN | TCP_ACK, 0, 0, true);
		return;
	}
	if (seq_lt(seq, data_start))
		seq = data_start;
	do {
		size_t off = seq - data_start, n = c->resp_len - off;
		uint8_t flags = TCP_ACK;

		if (n > c->mss)
			n = c->mss;
		if (seq + n == fin_seq)
			flags |= TCP_FIN | (n ? TCP_PSH : 0);
		send_seg(c->ip, NET_HTTP_PORT, c->port, seq, c->rcv_nxt, flags,
			 c->resp + off, n, false);
		seq += (uint32_t)n;
	} while (seq_lt(seq, fin_seq));
}

static void arm_rto(struct tcp_conn *c, uint64_t now)
{
	c->rto = TCP_RTO_US;
	c->retries = 0;
	c->deadline = now + c->rto;
}

static size_t put_str(uint8_t *p, size_t at, size_t max, const char *s)
{
	while (*s && at < max)
		p[at++] = (uint8_t)*s++;
	return at;
}

static size_t put_dec(uint8_t *p, size_t at, size_t max, size_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n && at < max)
		p[at++] = (uint8_t)tmp[--n];
	return at;
}

static bool starts(const char *s, size_t len, const char *w)
{
	size_t i = 0;

	for (; w[i]; i++)
		if (i >= len || s[i] != w[i])
			return false;
	return true;
}

/* The request is in c->req: build the whole response in c->resp. */
static void build_response(struct tcp_conn *c)
{
	static char body[TCP_RESP_MAX - 256];
	const char *status = "200 OK";
	size_t blen = 0, at = 0;
	bool head = starts(c->req, c->req_len, "HEAD ");
	bool get = starts(c->req, c->req_len, "GET ");

	if (!get && !head) {
		status = "405 Method Not Allowed";
	} else {
		const char *path = c->req + (head ? 5 : 4);
		size_t left = c->req_len - (size_t)(path - c->req);

		if (!(starts(path, left, "/ ") || starts(path, left, "/\r") ||
		      starts(path, left, "/index.html ")))
			status = "404 Not Found";
	}
	if (status[0] == '2') {
		blen = net_status_text(body, sizeof(body));
	} else {
		blen = put_str((uint8_t *)body, 0, sizeof(body) - 1, status);
		body[blen++] = '\n';
	}
	at = put_str(c->resp, at, TCP_RESP_MAX, "HTTP/1.0 ");
	at = put_str(c->resp, at, TCP_RESP_MAX, status);
	at = put_str(c->resp, at, TCP_RESP_MAX,
		     "\r\nServer: sparecore\r\nContent-Type: text/plain\r\n"
		     "Connection: close\r\nContent-Length: ");
	at = put_dec(c->resp, at, TCP_RESP_MAX, blen);
	at = put_str(c->resp, at, TCP_RESP_MAX, "\r\n\r\n");
	if (!head) {
		if (blen > TCP_RESP_MAX - at)
			blen = TCP_RESP_MAX - at;
		memcpy(c->resp + at, body, blen);
		at += blen;
	}
	c->resp_len = at;
}

static bool request_complete(const struct tcp_conn *c)
{
	if (c->fin_rcvd || c->req_len == TCP_REQ_MAX)
		return true;
	for (size_t i = 3; i < c->req_len; i++)
		if (c->req[i] == '\n' && c->req[i - 1] == '\r' &&
		    c->req[i - 2] == '\n' && c->req[i - 3] == '\r')
			return true;
	/* HTTP/0.9 style and tools that send bare \n line ends. */
	for (size_t i = 1; i < c->req_len; i++)
		if (c->req[i] == '\n' && c->req[i - 1] == '\n')
			return true;
	return false;
}

static struct tcp_conn *find(uint32_t ip, uint16_t port)
{
	for (int i = 0; i < TCP_CONNS; i++)
		if (conns[i].state != T_FREE && conns[i].ip == ip &&
		    conns[i].port == port)
			return &conns[i];
	return 0;
}

/* A free connection, or one that lingers after its work is done. */
static struct tcp_conn *alloc_conn(void)
{
	for (int i = 0; i < TCP_CONNS; i++)
		if (conns[i].state == T_FREE)
			return &conns[i];
	for (int i = 0; i < TCP_CONNS; i++)
		if (conns[i].state == T_DONE)
			return &conns[i];
	return 0;
}

/* The MSS option of a SYN, or the default. Options are hostile too. */
static uint16_t parse_mss(const uint8_t *opt, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint8_t kind = opt[i];

		if (kind == 0)
			break;
		if (kind == 1) {
			i++;
			continue;
		}
		if (i + 1 >= len || opt[i + 1] < 2 || opt[i + 1] > len - i)
			break;
		if (kind == 2 && opt[i + 1] == 4) {
			uint16_t m = get16(opt + i + 2);

			if (m < 64)
				m = 64;
			return m > TCP_MSS_OURS ? TCP_MSS_OURS : m;
		}
		i += opt[i + 1];
	}
	return TCP_MSS_DEFAULT;
}

static void reset_reply(uint32_t src, const uint8_t *t, size_t dlen)
{
	uint8_t flags = t[13];
	uint32_t seq = get32(t + 4), ack = get32(t + 8);

	if (flags & TCP_RST)
		return;
	net_stats.tcp_rst_sent++;
	if (flags & TCP_ACK)
		send_seg(src, get16(t + 2), get16(t), ack, 0, TCP_RST, 0, 0, false);
	else
		send_seg(src, get16(t + 2), get16(t), 0,
			 seq + (uint32_t)dlen + !!(flags & TCP_SYN) + !!(flags & TCP_FIN),
			 TCP_RST | TCP_ACK, 0, 0, false);
}

static void new_conn(uint32_t src, const uint8_t *t, size_t hlen, uint64_t now)
{
	struct tcp_conn *c = alloc_conn();

	if (!c) { /* full: the client will retry its SYN */
		net_stats.rx_drops++;
		return;
	}
	memset(c, 0, sizeof(*c));
	c->state = T_SYN_RCVD;
	c->ip = src;
	c->port = get16(t);
	c->mss = parse_mss(t + NET_TCP_HLEN, hlen - NET_TCP_HLEN);
	/* Clock-driven ISS (RFC 9293 3.4.1) plus a salt that moves per
	 * connection. */
	c->iss = (uint32_t)(now * 4) + (iss_salt += 0x9e3779b9u);
	c->snd_una = c->iss;
	c->snd_nxt = c->iss + 1;
	c->rcv_nxt = get32(t + 4) + 1;
	net_stats.tcp_conns++;
	send_from(c, c->iss);
	arm_rto(c, now);
}

void tcp_input(uint32_t src, uint32_t dst, const uint8_t *t, size_t len)
{
	size_t hlen, dlen;
	uint8_t flags;
	uint32_t seq, ack;
	struct tcp_conn *c;
	uint64_t now;
	bool got = false;

	if (len < NET_TCP_HLEN)
		return bad(&net_stats.tcp_bad);
	hlen = (size_t)(t[12] >> 4) * 4;
	if (hlen < NET_TCP_HLEN || hlen > len)
		return bad(&net_stats.tcp_bad);
	if (csum_fold(csum_add(csum_pseudo(src, dst, IPPROTO_TCP_, len), t, len)))
		return bad(&net_stats.tcp_csum);
	if (dst != net_cfg.ip || get16(t) == 0) {
		net_stats.tcp_port++;
		net_stats.rx_drops++;
		return;
	}
	flags = t[13];
	seq = get32(t + 4);
	ack = get32(t + 8);
	dlen = len - hlen;
	now = net_now_us();
	if (get16(t + 2) != NET_HTTP_PORT) {
		net_stats.tcp_port++;
		net_stats.rx_drops++;
		reset_reply(src, t, dlen);
		return;
	}
	c = find(src, get16(t));
	if (c && c->state == T_DONE && (flags & TCP_SYN) && !(flags & TCP_ACK)) {
		c->state = T_FREE; /* the port is reused for a new request */
		c = 0;
	}
	if (!c) {
		if ((flags & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_SYN)
			new_conn(src, t, hlen, now);
		else
			reset_reply(src, t, dlen);
		return;
	}
	if (flags & TCP_RST) {
		/* Only a RST inside the window ends a connection, so a blind
		 * guess of the port cannot. */
		if (seq == c->rcv_nxt || (seq_lt(c->rcv_nxt, seq) &&
					  seq_lt(seq, c->rcv_nxt + TCP_WINDOW)))
			c->state = T_FREE;
		return;
	}
	if (flags & TCP_SYN) {
		/* A retransmitted SYN: our SYN-ACK was lost. */
		if (c->state == T_SYN_RCVD && seq + 1 == c->rcv_nxt)
			send_from(c, c->iss);
		else
			send_ack(c);
		return;
	}
	if (!(flags & TCP_ACK))
		return;
	if (seq_lt(c->snd_nxt, ack)) { /* acks what we never sent */
		send_ack(c);
		return;
	}
	if (seq_lt(c->snd_una, ack)) {
		c->snd_una = ack;
		arm_rto(c, now);
	}
	if (c->state == T_SYN_RCVD) {
		if (ack != c->iss + 1)
			return;
		c->state = T_ESTAB;
		c->deadline = now + TCP_IDLE_US;
	}
	/* Data and FIN, in order only; trim what we already have. */
	if (dlen || (flags & TCP_FIN)) {
		uint32_t skip = seq_lt(seq, c->rcv_nxt) ? c->rcv_nxt - seq : 0;

		if (seq_lt(c->rcv_nxt, seq) || skip > dlen + !!(flags & TCP_FIN)) {
			send_ack(c); /* out of order or old: say what we want */
			return;
		}
		if (skip < dlen && !c->fin_rcvd) {
			size_t n = dlen - skip, room = TCP_REQ_MAX - c->req_len;

			/* Past the request (or past what we keep of it) the
			 * bytes are acknowledged and forgotten. */
			if (c->state == T_ESTAB) {
				memcpy(c->req + c->req_len, t + hlen + skip,
				       n < room ? n : room);
				c->req_len += n < room ? n : room;
			}
			c->rcv_nxt += (uint32_t)n;
		}
		if ((flags & TCP_FIN) && !c->fin_rcvd && seq + dlen == c->rcv_nxt) {
			c->fin_rcvd = true;
			c->rcv_nxt++;
		}
		/* New or a retransmission of what we have (our ACK was
		 * lost): either way the peer wants an ACK. */
		got = true;
	}
	if (c->state == T_ESTAB && request_complete(c)) {
		net_stats.tcp_served++; /* first: the page counts itself */
		build_response(c);
		c->state = T_FIN_WAIT;
		c->snd_nxt = c->iss + 1 + (uint32_t)c->resp_len + 1;
		send_from(c, c->snd_una);
		arm_rto(c, now);
		got = false; /* those segments carry our ACK */
	}
	if (c->state == T_FIN_WAIT && c->snd_una == c->snd_nxt) {
		if (c->fin_rcvd) {
			c->state = T_DONE;
			c->deadline = now + TCP_LINGER_US;
		} else {
			c->deadline = now + TCP_FIN_WAIT_US;
		}
	}
	if (got)
		send_ack(c);
}

void tcp_timer(uint64_t now)
{
	for (int i = 0; i < TCP_CONNS; i++) {
		struct tcp_conn *c = &conns[i];

		if (c->state == T_FREE || (int64_t)(now - c->deadline) < 0)
			continue;
		if (c->state == T_DONE || c->state == T_ESTAB ||
		    (c->state == T_FIN_WAIT && c->snd_una == c->snd_nxt)) {
			c->state = T_FREE; /* lingered, idle, or peer never closed */
			continue;
		}
		if (c->retries >= TCP_RETRIES) {
			send_seg(c->ip, NET_HTTP_PORT, c->port, c->snd_nxt, 0,
				 TCP_RST, 0, 0, false);
			c->state = T_FREE;
			continue;
		}
		c->retries++;
		c->rto = c->rto * 2 > TCP_RTO_MAX_US ? TCP_RTO_MAX_US : c->rto * 2;
		c->deadline = now + c->rto;
		send_from(c, c->snd_una);
	}
}
