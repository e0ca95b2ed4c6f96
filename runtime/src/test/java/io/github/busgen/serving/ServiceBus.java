package io.github.busgen.serving;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.NameRequest;
import io.github.busgen.testing.PrivateBus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A private dbus-daemon with the {@link LibraryService} exported on it under its well-known name,
 * and the command lines of the tools that drive it (each pointed at this bus, never the user's).
 */
final class ServiceBus implements AutoCloseable {
    final PrivateBus bus;
    final Connection connection;
    final LibraryService service;

    private ServiceBus(PrivateBus bus, Connection connection, LibraryService service) {
        this.bus = bus;
        this.connection = connection;
        this.service = service;
    }

    /** Starts a bus and the service, whose handlers run on the connection's own threads. */
    static ServiceBus start() throws IOException {
        return start(null);
    }

    /** Starts a bus and the service, whose handlers run on {@code executor} (null: the default). */
    static ServiceBus start(Executor executor) throws IOException {
        PrivateBus bus = PrivateBus.start();
        try {
            Connection.Builder b = Connection.builder().address(bus.address());
            if (executor != null) {
                b.executor(executor);
            }
            Connection c = b.connect();
            LibraryService service = new LibraryService(c);
            assertEquals(NameRequest.Reply.PRIMARY_OWNER, service.start());
            return new ServiceBus(bus, c, service);
        } catch (IOException | RuntimeException | Error e) {
            bus.close();
            throw e;
        }
    }

    String address() {
        return bus.address();
    }

    /** {@code busctl --address=ADDR ARGS}. */
    Tool.Result busctl(String... args) {
        return Tool.BUSCTL.run(busctlCommand(args));
    }

    List<String> busctlCommand(String... args) {
        return withPrefix(Tool.BUSCTL.command("--address=" + address()), args);
    }

    /** {@code busctl call NAME PATH INTERFACE MEMBER [SIGNATURE ARGS...]}. */
    Tool.Result busctlCall(String path, String iface, String member, String... sigAndArgs) {
        return busctl(withPrefix(List.of("call", LibraryService.NAME.value(), path, iface, member), sigAndArgs)
                .toArray(String[]::new));
    }

    /** {@code gdbus call --address ADDR --dest NAME --object-path PATH --method IFACE.MEMBER ARGS}. */
    Tool.Result gdbusCall(String path, String method, String... args) {
        return Tool.run(gdbusCallCommand(path, method, args));
    }

    List<String> gdbusCallCommand(String path, String method, String... args) {
        return withPrefix(Tool.GDBUS.command("call", "--address", address(), "--dest", LibraryService.NAME.value(),
                "--object-path", path, "--method", method), args);
    }

    /**
     * {@code dbus-send --bus=ADDR --print-reply --dest=NAME PATH IFACE.MEMBER ARGS}. (dbus-send's
     * {@code --address} is its old spelling of {@code --peer}: it would not say Hello, and the
     * daemon refuses an unregistered client.)
     */
    Tool.Result dbusSend(String path, String method, String... args) {
        return Tool.run(dbusSendCommand(path, method, args));
    }

    List<String> dbusSendCommand(String path, String method, String... args) {
        return withPrefix(Tool.DBUS_SEND.command("--bus=" + address(), "--print-reply", "--dest=" + LibraryService.NAME.value(),
                path, method), args);
    }

    private static List<String> withPrefix(List<String> prefix, String... rest) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(rest));
        return cmd;
    }

    /**
     * Runs raw_caller.py (python-dbus) with one JSON call per element of {@code calls}; see the
     * script for the format and what it prints.
     */
    Tool.Result rawCalls(List<String> calls) {
        return Tool.Running.start(Tool.PYTHON.command(Scripts.path("raw_caller.py"), address(), LibraryService.NAME.value()),
                String.join("\n", calls) + "\n").finish();
    }

    /** A line of raw_caller.py's input: a call of {@code member} at {@code path}; {@code iface} may be null. */
    static String rawCall(String path, String iface, String member, boolean noReply, String signature, String jsonArgs) {
        return "{\"path\": \"" + path + "\", \"interface\": " + (iface == null ? "null" : "\"" + iface + "\"")
                + ", \"member\": \"" + member + "\", \"no_reply\": " + noReply + ", \"signature\": \"" + signature
                + "\", \"args\": [" + jsonArgs + "]}";
    }

    /** Starts dbus-monitor on this bus. */
    Monitor monitor(String... rules) {
        return Monitor.start(address(), rules);
    }

    @Override
    public void close() throws IOException {
        try {
            service.close();
            connection.close();
        } finally {
            bus.close();
        }
    }
}
