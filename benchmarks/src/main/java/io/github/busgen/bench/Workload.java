package io.github.busgen.bench;

/** The client workloads that run against a server, through the daemon unless said otherwise. */
enum Workload {
    ECHO("echo"),
    PINNED("pinned"),
    PROXY("proxy"),
    INFLIGHT("inflight"),
    THREADS("threads"),
    DICT("dict"),
    BYTES("bytes"),
    SIGNALS("signals"),
    P2P("p2p");

    /** The name on command lines (the C client takes the same names). */
    final String id;

    Workload(String id) {
        this.id = id;
    }

    static Workload of(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload " + id);
    }
}
