package io.github.busgen.serving;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.NameRequest;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A private dbus-daemon with the {@link LibraryService} exported on it under its well-known name,
 * and the command lines of the tools that drive it (each pointed at this bus, never the user's).
 * A test class shares one for all its tests:
 * <pre>
 * &#64;RegisterExtension
 * static final ServiceBus bus = ServiceBus.perClass().withMonitor();
 * </pre>
 */
final class ServiceBus implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final boolean oneHandlerThread;
    private final boolean monitored;
    private ExecutorService executor;
    PrivateBus bus;
    Connection connection;
    LibraryService service;
    /** dbus-monitor on the bus, started before the tests when asked for with {@link #withMonitor()}. */
    Monitor monitor;

    private ServiceBus(boolean oneHandlerThread, boolean monitored) {
        this.oneHandlerThread = oneHandlerThread;
        this.monitored = monitored;
    }

    /** A bus and service started before a test class's tests and stopped after them. */
    static ServiceBus perClass() {
        return new ServiceBus(false, false);
    }

    /** The same, with dbus-monitor watching. */
    ServiceBus withMonitor() {
        return new ServiceBus(oneHandlerThread, true);
    }

    /**
     * The same, with the service's handlers run on one thread: it then answers calls in the order
     * they arrive.
     */
    ServiceBus oneHandlerThread() {
        return new ServiceBus(true, monitored);
    }

    /** Starts a bus and the service now, for one test; close it after. */
    static ServiceBus start() throws IOException {
        ServiceBus s = perClass();
        s.open();
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void open() throws IOException {
        try {
            bus = PrivateBus.start();
            Connection.Builder b = Connection.builder().address(bus.address());
            if (oneHandlerThread) {
                executor = Executors.newSingleThreadExecutor();
                b.executor(executor);
            }
            connection = b.connect();
            service = new LibraryService(connection);
            assertEquals(NameRequest.Reply.PRIMARY_OWNER, service.start());
            if (monitored) {
                monitor = Monitor.start(bus.address());
            }
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    String address() {
        return bus.address();
    }

    /** {@code busctl --address=ADDR ARGS}. */
    Programs.Result busctl(String... args) {
        return Programs.run(busctlCommand(args));
    }

    List<String> busctlCommand(String... args) {
        return withPrefix(List.of(Programs.busctl(), "--address=" + address()), args);
    }

    /** {@code busctl call NAME PATH INTERFACE MEMBER [SIGNATURE ARGS...]}. */
    Programs.Result busctlCall(String path, String iface, String member, String... sigAndArgs) {
        return busctl(withPrefix(List.of("call", LibraryService.NAME.value(), path, iface, member), sigAndArgs)
                .toArray(String[]::new));
    }

    /** {@code gdbus call --address ADDR --dest NAME --object-path PATH --method IFACE.MEMBER ARGS}. */
    Programs.Result gdbusCall(String path, String method, String... args) {
        return Programs.run(gdbusCallCommand(path, method, args));
    }

    List<String> gdbusCallCommand(String path, String method, String... args) {
        return withPrefix(List.of(Programs.gdbus(), "call", "--address", address(), "--dest", LibraryService.NAME.value(),
                "--object-path", path, "--method", method), args);
    }

    /**
     * {@code dbus-send --bus=ADDR --print-reply --dest=NAME PATH IFACE.MEMBER ARGS}. (dbus-send's
     * {@code --address} is its old spelling of {@code --peer}: it would not say Hello, and the
     * daemon refuses an unregistered client.)
     */
    Programs.Result dbusSend(String path, String method, String... args) {
        return Programs.run(dbusSendCommand(path, method, args));
    }

    List<String> dbusSendCommand(String path, String method, String... args) {
        return withPrefix(List.of(Programs.dbusSend(), "--bus=" + address(), "--print-reply", "--dest=" + LibraryService.NAME.value(),
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
    Programs.Result rawCalls(List<String> calls) {
        return Programs.run(List.of(Programs.python(), Programs.resource("/interop/raw_caller.py").toString(), address(),
                LibraryService.NAME.value()), String.join("\n", calls) + "\n");
    }

    /** A line of raw_caller.py's input: a call of {@code member} at {@code path}; {@code iface} may be null. */
    static String rawCall(String path, String iface, String member, boolean noReply, String signature, String jsonArgs) {
        return "{\"path\": \"" + path + "\", \"interface\": " + (iface == null ? "null" : "\"" + iface + "\"")
                + ", \"member\": \"" + member + "\", \"no_reply\": " + noReply + ", \"signature\": \"" + signature
                + "\", \"args\": [" + jsonArgs + "]}";
    }

    @Override
    public void close() throws IOException {
        try {
            if (monitor != null) {
                monitor.close();
            }
            if (service != null) {
                service.blockRelease.countDown(); // a test that failed may have left Block waiting
                service.close();
            }
            if (connection != null) {
                connection.close();
            }
        } finally {
            if (executor != null) {
                executor.shutdownNow();
            }
            if (bus != null) {
                bus.close();
            }
        }
    }
}
