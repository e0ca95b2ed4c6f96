/*
 * The sd-bus (libsystemd) side of busgen's benchmarks: a server, a client for every workload, a
 * start-up probe and a marshalling loop, written for this harness against sd-bus's public API.
 * The harness compiles it with: gcc -O2 sdbench.c $(pkg-config --cflags --libs libsystemd) -lpthread
 *
 *   sdbench server ADDRESS NAME P2P_SOCKET
 *   sdbench client ADDRESS DEST WORKLOAD WARMUP_MS ITER_MS ITERATIONS
 *       (DEST "-" means peer-to-peer: ADDRESS is the server's unix:path= socket)
 *   sdbench startup ADDRESS DEST
 *   sdbench marshal ITER_MS ITERATIONS
 *
 * A client prints the same lines as the Java clients: BEGIN, then "ITER <ops> <nanos>" per
 * measured iteration, then END, and exits when its standard input closes (so that the harness can
 * read its CPU time first).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#define PATH "/io/github/busgen/bench"
#define IFACE "io.github.busgen.bench.Echo"
#define ECHO_TEXT "0123456789abcdef" /* 16 bytes, as the Java clients send */
#define BYTES_LEN (64 * 1024)
#define DICT_LEN 100
#define THREADS 4
#define WINDOW 64

static void die(const char *what, int r) {
    fprintf(stderr, "sdbench: %s: %s\n", what, strerror(r < 0 ? -r : r));
    exit(1);
}

#define CHECK(what, expr) do { int r_ = (expr); if (r_ < 0) die(what, r_); } while (0)

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* ------------------------------------------------------------------ a{sv}, both sides */

/* The key and value of entry i: int32, string, boolean, double in turn (as the Java clients). */
static void dict_key(char *buf, size_t n, int i) { snprintf(buf, n, "key-%03d", i); }

static int append_dict(sd_bus_message *m, int entries) {
    char key[16], text[16];
    int r = sd_bus_message_open_container(m, 'a', "{sv}");
    for (int i = 0; r >= 0 && i < entries; i++) {
        dict_key(key, sizeof key, i);
        switch (i % 4) {
        case 0: r = sd_bus_message_append(m, "{sv}", key, "i", (int32_t) i); break;
        case 1: snprintf(text, sizeof text, "value-%03d", i); r = sd_bus_message_append(m, "{sv}", key, "s", text); break;
        case 2: r = sd_bus_message_append(m, "{sv}", key, "b", i % 8 == 2); break;
        default: r = sd_bus_message_append(m, "{sv}", key, "d", i * 0.5); break;
        }
    }
    return r < 0 ? r : sd_bus_message_close_container(m);
}

/* Reads a{sv} from `in` value by value; when `out` is not NULL, appends the same entries to it. */
static int copy_dict(sd_bus_message *in, sd_bus_message *out, int *count) {
    int r, n = 0;
    if ((r = sd_bus_message_enter_container(in, 'a', "{sv}")) < 0) return r;
    if (out && (r = sd_bus_message_open_container(out, 'a', "{sv}")) < 0) return r;
    while ((r = sd_bus_message_enter_container(in, 'e', "sv")) > 0) {
        const char *key, *contents;
        char type;
        if ((r = sd_bus_message_read(in, "s", &key)) < 0) return r;
        if ((r = sd_bus_message_peek_type(in, &type, &contents)) < 0) return r;
        if ((r = sd_bus_message_enter_container(in, 'v', contents)) < 0) return r;
        if (out) {
            if ((r = sd_bus_message_open_container(out, 'e', "sv")) < 0) return r;
            if ((r = sd_bus_message_append(out, "s", key)) < 0) return r;
            if ((r = sd_bus_message_open_container(out, 'v', contents)) < 0) return r;
        }
        switch (contents[0]) {
        case 'i': { int32_t v; r = sd_bus_message_read(in, "i", &v); if (r >= 0 && out) r = sd_bus_message_append(out, "i", v); break; }
        case 's': { const char *v; r = sd_bus_message_read(in, "s", &v); if (r >= 0 && out) r = sd_bus_message_append(out, "s", v); break; }
        case 'b': { int v; r = sd_bus_message_read(in, "b", &v); if (r >= 0 && out) r = sd_bus_message_append(out, "b", v); break; }
        case 'd': { double v; r = sd_bus_message_read(in, "d", &v); if (r >= 0 && out) r = sd_bus_message_append(out, "d", v); break; }
        default: return -EINVAL;
        }
        if (r < 0) return r;
        if (out && ((r = sd_bus_message_close_container(out)) < 0 || (r = sd_bus_message_close_container(out)) < 0)) return r;
        if ((r = sd_bus_message_exit_container(in)) < 0 || (r = sd_bus_message_exit_container(in)) < 0) return r;
        n++;
    }
    if (r < 0) return r;
    if ((r = sd_bus_message_exit_container(in)) < 0) return r;
    if (count) *count = n;
    return out ? sd_bus_message_close_container(out) : 0;
}

/* ------------------------------------------------------------------ server */

static int m_echo(sd_bus_message *m, void *ud, sd_bus_error *e) {
    const char *s;
    int r = sd_bus_message_read(m, "s", &s);
    return r < 0 ? r : sd_bus_reply_method_return(m, "s", s);
}

static int m_echo_bytes(sd_bus_message *m, void *ud, sd_bus_error *e) {
    const void *p;
    size_t n;
    sd_bus_message *reply = NULL;
    int r = sd_bus_message_read_array(m, 'y', &p, &n);
    if (r >= 0) r = sd_bus_message_new_method_return(m, &reply);
    if (r >= 0) r = sd_bus_message_append_array(reply, 'y', p, n);
    if (r >= 0) r = sd_bus_send(NULL, reply, NULL);
    sd_bus_message_unref(reply);
    return r;
}

static int m_echo_dict(sd_bus_message *m, void *ud, sd_bus_error *e) {
    sd_bus_message *reply = NULL;
    int r = sd_bus_message_new_method_return(m, &reply);
    if (r >= 0) r = copy_dict(m, reply, NULL);
    if (r >= 0) r = sd_bus_send(NULL, reply, NULL);
    sd_bus_message_unref(reply);
    return r;
}

/* Replies first, then emits Tick(0..n-1) to everyone subscribed. */
static int m_emit(sd_bus_message *m, void *ud, sd_bus_error *e) {
    uint32_t n;
    int r = sd_bus_message_read(m, "u", &n);
    if (r < 0) return r;
    if ((r = sd_bus_reply_method_return(m, "")) < 0) return r;
    sd_bus *bus = sd_bus_message_get_bus(m);
    for (uint32_t i = 0; i < n; i++) {
        if ((r = sd_bus_emit_signal(bus, PATH, IFACE, "Tick", "u", i)) < 0) return r;
    }
    return 1;
}

static const sd_bus_vtable vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Echo", "s", "s", m_echo, 0),
    SD_BUS_METHOD("EchoDict", "a{sv}", "a{sv}", m_echo_dict, 0),
    SD_BUS_METHOD("EchoBytes", "ay", "ay", m_echo_bytes, 0),
    SD_BUS_METHOD("Emit", "u", "", m_emit, 0),
    SD_BUS_SIGNAL("Tick", "u", 0),
    SD_BUS_VTABLE_END
};

static sd_id128_t server_id;

static int on_peer_disconnect(sd_bus_message *m, void *ud, sd_bus_error *e) {
    sd_bus_close_unref(sd_bus_message_get_bus(m));
    return 0;
}

static int on_accept(sd_event_source *s, int fd, uint32_t revents, void *ud) {
    int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (c < 0) return 0;
    sd_bus *peer = NULL;
    CHECK("peer bus", sd_bus_new(&peer));
    CHECK("peer fd", sd_bus_set_fd(peer, c, c));
    CHECK("peer server", sd_bus_set_server(peer, 1, server_id));
    CHECK("peer vtable", sd_bus_add_object_vtable(peer, NULL, PATH, IFACE, vtable, NULL));
    CHECK("peer match", sd_bus_match_signal(peer, NULL, "org.freedesktop.DBus.Local", NULL,
                                            "org.freedesktop.DBus.Local", "Disconnected", on_peer_disconnect, NULL));
    CHECK("peer start", sd_bus_start(peer));
    CHECK("peer attach", sd_bus_attach_event(peer, sd_event_source_get_event(s), 0));
    return 0;
}

static int server(const char *address, const char *name, const char *p2p) {
    sd_event *ev = NULL;
    sd_bus *bus = NULL;
    CHECK("event", sd_event_default(&ev));
    CHECK("bus", sd_bus_new(&bus));
    CHECK("address", sd_bus_set_address(bus, address));
    CHECK("bus client", sd_bus_set_bus_client(bus, 1));
    CHECK("connect", sd_bus_start(bus));
    CHECK("vtable", sd_bus_add_object_vtable(bus, NULL, PATH, IFACE, vtable, NULL));
    CHECK("name", sd_bus_request_name(bus, name, 0));
    CHECK("attach", sd_bus_attach_event(bus, ev, 0));

    CHECK("id", sd_id128_randomize(&server_id));
    int l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    strncpy(sa.sun_path, p2p, sizeof sa.sun_path - 1);
    unlink(p2p);
    if (l < 0 || bind(l, (struct sockaddr *) &sa, sizeof sa) < 0 || listen(l, 16) < 0) die("listen", errno);
    CHECK("listen source", sd_event_add_io(ev, NULL, l, EPOLLIN, on_accept, NULL));

    printf("READY\n");
    fflush(stdout);
    return sd_event_loop(ev);
}

/* ------------------------------------------------------------------ clients */

struct target {
    const char *address;
    const char *dest; /* NULL when peer-to-peer */
};

static sd_bus *connect_to(const struct target *t) {
    sd_bus *bus = NULL;
    CHECK("bus", sd_bus_new(&bus));
    CHECK("address", sd_bus_set_address(bus, t->address));
    CHECK("bus client", sd_bus_set_bus_client(bus, t->dest != NULL));
    CHECK("connect", sd_bus_start(bus));
    return bus;
}

static void call_echo(sd_bus *bus, const struct target *t) {
    sd_bus_error err = SD_BUS_ERROR_NULL;
    sd_bus_message *reply = NULL;
    const char *s;
    int r = sd_bus_call_method(bus, t->dest, PATH, IFACE, "Echo", &err, &reply, "s", ECHO_TEXT);
    if (r < 0) { fprintf(stderr, "sdbench: Echo: %s\n", err.message ? err.message : strerror(-r)); exit(1); }
    CHECK("read echo", sd_bus_message_read(reply, "s", &s));
    if (strcmp(s, ECHO_TEXT) != 0) die("echo mismatch", EBADMSG);
    sd_bus_message_unref(reply);
}

static void call_message(sd_bus *bus, sd_bus_message *m, sd_bus_message **reply) {
    sd_bus_error err = SD_BUS_ERROR_NULL;
    int r = sd_bus_call(bus, m, 0, &err, reply);
    if (r < 0) { fprintf(stderr, "sdbench: call: %s\n", err.message ? err.message : strerror(-r)); exit(1); }
}

static void call_dict(sd_bus *bus, const struct target *t) {
    sd_bus_message *m = NULL, *reply = NULL;
    int n = 0;
    CHECK("new call", sd_bus_message_new_method_call(bus, &m, t->dest, PATH, IFACE, "EchoDict"));
    CHECK("append dict", append_dict(m, DICT_LEN));
    call_message(bus, m, &reply);
    CHECK("read dict", copy_dict(reply, NULL, &n));
    if (n != DICT_LEN) die("dict mismatch", EBADMSG);
    sd_bus_message_unref(m);
    sd_bus_message_unref(reply);
}

static uint8_t bytes_payload[BYTES_LEN];

static void call_bytes(sd_bus *bus, const struct target *t) {
    sd_bus_message *m = NULL, *reply = NULL;
    const void *p;
    size_t n;
    CHECK("new call", sd_bus_message_new_method_call(bus, &m, t->dest, PATH, IFACE, "EchoBytes"));
    CHECK("append bytes", sd_bus_message_append_array(m, 'y', bytes_payload, BYTES_LEN));
    call_message(bus, m, &reply);
    CHECK("read bytes", sd_bus_message_read_array(reply, 'y', &p, &n));
    if (n != BYTES_LEN) die("bytes mismatch", EBADMSG);
    sd_bus_message_unref(m);
    sd_bus_message_unref(reply);
}

/* One kind of operation, repeated until a deadline; returns the operations done. */
typedef uint64_t (*run_fn)(sd_bus *bus, const struct target *t, uint64_t deadline);

static uint64_t run_echo(sd_bus *bus, const struct target *t, uint64_t deadline) {
    uint64_t n = 0;
    do { call_echo(bus, t); n++; } while (now_ns() < deadline);
    return n;
}

static uint64_t run_dict(sd_bus *bus, const struct target *t, uint64_t deadline) {
    uint64_t n = 0;
    do { call_dict(bus, t); n++; } while (now_ns() < deadline);
    return n;
}

static uint64_t run_bytes(sd_bus *bus, const struct target *t, uint64_t deadline) {
    uint64_t n = 0;
    do { call_bytes(bus, t); n++; } while (now_ns() < deadline);
    return n;
}

/* 64 in flight: every reply starts the next call until the deadline, then the window drains. */
struct window {
    const struct target *t;
    uint64_t deadline, done;
    int in_flight;
};

static int on_async_reply(sd_bus_message *m, void *ud, sd_bus_error *e);

static void start_async(sd_bus *bus, struct window *w) {
    CHECK("async call", sd_bus_call_method_async(bus, NULL, w->t->dest, PATH, IFACE, "Echo", on_async_reply, w,
                                                 "s", ECHO_TEXT));
    w->in_flight++;
}

static int on_async_reply(sd_bus_message *m, void *ud, sd_bus_error *e) {
    struct window *w = ud;
    if (sd_bus_message_is_method_error(m, NULL)) die("async echo failed", EIO);
    w->in_flight--;
    w->done++;
    if (now_ns() < w->deadline) start_async(sd_bus_message_get_bus(m), w);
    return 0;
}

static uint64_t run_inflight(sd_bus *bus, const struct target *t, uint64_t deadline) {
    struct window w = { .t = t, .deadline = deadline };
    for (int i = 0; i < WINDOW; i++) start_async(bus, &w);
    while (w.in_flight > 0) {
        int r = sd_bus_process(bus, NULL);
        if (r < 0) die("process", r);
        if (r == 0) CHECK("wait", sd_bus_wait(bus, UINT64_MAX));
    }
    return w.done;
}

/* Several threads, each with its own connection (an sd_bus belongs to one thread). */
struct worker {
    pthread_t thread;
    const struct target *t;
    sd_bus *bus;
    uint64_t deadline, done;
};

static void *worker_main(void *arg) {
    struct worker *k = arg;
    k->done = run_echo(k->bus, k->t, k->deadline);
    return NULL;
}

static sd_bus *thread_buses[THREADS];

static uint64_t run_threads(sd_bus *bus, const struct target *t, uint64_t deadline) {
    struct worker k[THREADS];
    uint64_t total = 0;
    for (int i = 0; i < THREADS; i++) {
        if (!thread_buses[i]) thread_buses[i] = connect_to(t);
        k[i] = (struct worker) { .t = t, .bus = thread_buses[i], .deadline = deadline };
        pthread_create(&k[i].thread, NULL, worker_main, &k[i]);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(k[i].thread, NULL);
        total += k[i].done;
    }
    return total;
}

/* Signals: ask the server for a batch of Ticks, count them as they arrive. */
#define SIGNAL_BATCH 2000
static uint64_t ticks;

static int on_tick(sd_bus_message *m, void *ud, sd_bus_error *e) {
    ticks++;
    return 0;
}

static uint64_t run_signals(sd_bus *bus, const struct target *t, uint64_t deadline) {
    static int subscribed;
    if (!subscribed) {
        CHECK("match", sd_bus_match_signal(bus, NULL, t->dest, PATH, IFACE, "Tick", on_tick, NULL));
        subscribed = 1;
    }
    uint64_t got = 0;
    do {
        ticks = 0;
        sd_bus_error err = SD_BUS_ERROR_NULL;
        if (sd_bus_call_method(bus, t->dest, PATH, IFACE, "Emit", &err, NULL, "u", (uint32_t) SIGNAL_BATCH) < 0)
            die("Emit", EIO);
        while (ticks < SIGNAL_BATCH) {
            int r = sd_bus_process(bus, NULL);
            if (r < 0) die("process", r);
            if (r == 0) CHECK("wait", sd_bus_wait(bus, UINT64_MAX));
        }
        got += ticks;
    } while (now_ns() < deadline);
    return got;
}

static int client(const char *address, const char *dest, const char *workload, long warmup_ms, long iter_ms,
                  int iterations) {
    struct target t = { address, strcmp(dest, "-") == 0 ? NULL : dest };
    run_fn run;
    if (!strcmp(workload, "echo") || !strcmp(workload, "pinned") || !strcmp(workload, "p2p")) run = run_echo;
    else if (!strcmp(workload, "inflight")) run = run_inflight;
    else if (!strcmp(workload, "threads")) run = run_threads;
    else if (!strcmp(workload, "dict")) run = run_dict;
    else if (!strcmp(workload, "bytes")) run = run_bytes;
    else if (!strcmp(workload, "signals")) run = run_signals;
    else { fprintf(stderr, "sdbench: unknown workload %s\n", workload); return 2; }
    for (size_t i = 0; i < BYTES_LEN; i++) bytes_payload[i] = (uint8_t) i;

    sd_bus *bus = connect_to(&t);
    run(bus, &t, now_ns() + (uint64_t) warmup_ms * 1000000u);
    printf("BEGIN\n");
    fflush(stdout);
    for (int i = 0; i < iterations; i++) {
        uint64_t start = now_ns();
        uint64_t ops = run(bus, &t, start + (uint64_t) iter_ms * 1000000u);
        printf("ITER %llu %llu\n", (unsigned long long) ops, (unsigned long long) (now_ns() - start));
        fflush(stdout);
    }
    printf("END\n");
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {
        /* stay alive until the harness has read our CPU time and closes our input */
    }
    sd_bus_flush_close_unref(bus);
    return 0;
}

/* ------------------------------------------------------------------ start-up and marshalling */

static int startup(const char *address, const char *dest) {
    struct target t = { address, dest };
    sd_bus *bus = connect_to(&t);
    call_echo(bus, &t);
    sd_bus_flush_close_unref(bus);
    return 0;
}

/*
 * Build and seal a method call with an a{sv} of 10 entries, or with a 64 KiB ay. sd-bus needs a
 * bus object to make a message; an unconnected one will not do, so this loop is given the daemon's
 * address and never sends anything. Decoding is not measured: sd-bus has no public call that
 * parses a message from bytes.
 */
static int marshal(const char *address, long iter_ms, int iterations) {
    struct target t = { address, "io.github.busgen.bench.sdbus" };
    sd_bus *bus = connect_to(&t);
    for (size_t i = 0; i < BYTES_LEN; i++) bytes_payload[i] = (uint8_t) i;
    const char *names[] = { "dict10", "bytes64k" };
    for (int which = 0; which < 2; which++) {
        uint64_t cookie = 1;
        for (int it = -1; it < iterations; it++) { /* iteration -1 is the warm-up */
            uint64_t start = now_ns(), end = start + (uint64_t) iter_ms * 1000000u, ops = 0, now;
            do {
                for (int k = 0; k < 100; k++) {
                    sd_bus_message *m = NULL;
                    CHECK("new call", sd_bus_message_new_method_call(bus, &m, t.dest, PATH, IFACE,
                                                                     which == 0 ? "EchoDict" : "EchoBytes"));
                    if (which == 0) CHECK("append", append_dict(m, 10));
                    else CHECK("append", sd_bus_message_append_array(m, 'y', bytes_payload, BYTES_LEN));
                    CHECK("seal", sd_bus_message_seal(m, cookie++, 0));
                    sd_bus_message_unref(m);
                }
                ops += 100;
            } while ((now = now_ns()) < end);
            if (it >= 0) printf("MARSHAL %s %llu %llu\n", names[which], (unsigned long long) ops,
                                (unsigned long long) (now - start));
        }
    }
    fflush(stdout);
    sd_bus_flush_close_unref(bus);
    return 0;
}

int main(int argc, char **argv) {
    prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the harness */
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 5 && !strcmp(argv[1], "server")) return server(argv[2], argv[3], argv[4]) < 0;
    if (argc == 8 && !strcmp(argv[1], "client"))
        return client(argv[2], argv[3], argv[4], atol(argv[5]), atol(argv[6]), atoi(argv[7]));
    if (argc == 4 && !strcmp(argv[1], "startup")) return startup(argv[2], argv[3]);
    if (argc == 5 && !strcmp(argv[1], "marshal")) return marshal(argv[2], atol(argv[3]), atoi(argv[4]));
    fprintf(stderr, "usage: see the comment at the top of sdbench.c\n");
    return 2;
}
