// SPDX-License-Identifier: GPL-2.0
#include "status_json.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "args.h"
#include "blk_backend.h"
#include "console_backend.h"
#include "net_backend.h"
#include "part.h"
#include "session.h"
#include "util.h"

static void put_u64(json_object *o, const char *key, unsigned long long v)
{
	json_object_object_add(o, key, json_object_new_uint64(v));
}

static void put_str(json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

static json_object *console_json(const struct sc_console *c)
{
	json_object *o = json_object_new_object();

	put_u64(o, "bytes_out", c->out_bytes);
	put_u64(o, "bytes_in", c->in_bytes);
	put_u64(o, "malformed", c->bad);
	put_u64(o, "console_dropped", c->tee_dropped);
	return o;
}

static json_object *disk_json(const struct sc_blk *b)
{
	json_object *o = json_object_new_object();
	struct sc_blk_stats st;

	sc_blk_stats(b, &st);
	put_str(o, "path", st.path);
	json_object_object_add(o, "read_only", json_object_new_boolean(st.read_only));
	put_u64(o, "requests", st.requests);
	put_u64(o, "read_bytes", st.read_bytes);
	put_u64(o, "write_bytes", st.write_bytes);
	put_u64(o, "flushes", st.flushes);
	put_u64(o, "errors", st.errors);
	put_u64(o, "bad_requests", st.bad);
	return o;
}

static json_object *net_json(const struct sc_net *n)
{
	json_object *o = json_object_new_object();

	put_str(o, "tap", n->ifname);
	put_u64(o, "rx_frames", n->rx_frames);
	put_u64(o, "rx_bytes", n->rx_bytes);
	put_u64(o, "tx_frames", n->tx_frames);
	put_u64(o, "tx_bytes", n->tx_bytes);
	put_u64(o, "bad_descriptors", n->bad_desc);
	put_u64(o, "tx_errors", n->tx_errors);
	put_u64(o, "rx_oversize", n->rx_oversize);
	return o;
}

char *sc_status_json(const struct sc_session *s)
{
	json_object *o = json_object_new_object(), *dev = json_object_new_object();
	char *text;

	put_str(o, "name", s->name);
	json_object_object_add(o, "pid", json_object_new_int64(getpid()));
	if (s->part && s->part->created) {
		json_object_object_add(o, "cpu", json_object_new_int64(s->part->info.cpu));
		put_u64(o, "memory_bytes", s->part->mem_size);
	}
	put_str(o, "state", s->up_ns ? "running" : "starting");
	json_object_object_add(o, "uptime_s", json_object_new_double(
		s->up_ns ? (double)(sc_now_ns() - s->up_ns) / 1e9 : 0.0));
	put_str(o, "image", s->image);
	put_str(o, "log", s->log_path);
	json_object_object_add(o, "console_attached",
			       json_object_new_boolean(s->console_fd >= 0));
	put_u64(o, "doorbells", s->doorbells);
	if (s->con)
		json_object_object_add(dev, "console", console_json(s->con));
	if (s->blk)
		json_object_object_add(dev, "disk", disk_json(s->blk));
	if (s->net && s->net->fd >= 0)
		json_object_object_add(dev, "net", net_json(s->net));
	json_object_object_add(o, "devices", dev);
	text = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return text;
}
