package io.github.busgen.bench;

import java.util.function.Consumer;

/** One library's client side of the workloads; each call checks what came back. */
interface BenchClient extends AutoCloseable {
    /** A synchronous Echo of the 16-byte string. */
    void echo() throws Exception;

    /** A synchronous EchoDict of the 100-entry a{sv}, decoded into values on return. */
    void dict() throws Exception;

    /** A synchronous EchoBytes of 64 KiB. */
    void bytes() throws Exception;

    /** Starts one Echo; {@code done} or {@code failed} runs when its reply arrives. */
    void echoAsync(Runnable done, Consumer<Throwable> failed);

    /** Asks the server for {@code n} Tick signals and returns once all of them have arrived. */
    void signals(int n) throws Exception;

    /**
     * A synchronous Echo through a generated proxy, checked like {@link #echo()} (see
     * {@link Workload#PROXY}); only busgen generates its clients, and Clients.notApplicable says
     * why the others have no such call.
     */
    default void proxyEcho() throws Exception {
        throw new UnsupportedOperationException("no generated proxy");
    }
}
