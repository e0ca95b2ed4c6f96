package io.github.busgen.examples;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.NameRequest;
import io.github.busgen.connection.PeerServer;
import io.github.busgen.connection.Subscription;
import io.github.busgen.examples.client.CounterProxy;
import io.github.busgen.examples.counter.CounterImpl;
import io.github.busgen.examples.demo.PrivateDaemon;
import io.github.busgen.fdo.BusClient;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.transport.BusAddress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo}: the counter service and a client in one process, talking over the session bus if
 * there is one, else a private dbus-daemon the demo starts and stops, else peer-to-peer with no
 * daemon at all; it says which, then prints the conversation.
 *
 * <p>The service is the annotated {@code Counter} served by its generated skeleton; the client is
 * the proxy generated from the XML that interface exports: both of busgen's front ends at once.
 */
public final class DemoCommand {
    /** The command's help text. */
    public static final String HELP = String.join("\n",
            "usage: java -jar busgen-examples.jar demo [--address ADDR]",
            "",
            "Runs the counter service and a client in one process and prints their conversation:",
            "calls and replies, the Count property, the CountChanged signal. It uses the bus at ADDR,",
            "else the session bus, else a private dbus-daemon it starts (if one is installed),",
            "else a peer-to-peer connection with no daemon; it says which.");

    private static final ObjectPath PATH = ObjectPath.of(CounterClientCommand.PATH);
    private static final long WAIT_SECONDS = 10;

    private DemoCommand() {
    }

    /** Where service and client meet, and how to take it down. */
    private static final class Setup implements AutoCloseable {
        final String description;
        final Connection service;
        final Connection client;
        final List<AutoCloseable> resources;

        Setup(String description, Connection service, Connection client, List<AutoCloseable> resources) {
            this.description = description;
            this.service = service;
            this.client = client;
            this.resources = resources;
        }

        @Override
        public void close() {
            client.close();
            service.close();
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // cleaning up a demo: nothing to report
                }
            }
        }
    }

    /** Runs the demo. */
    public static void run(Cli cli) throws Exception {
        try (Setup setup = connect(cli)) {
            System.out.println("demo: " + setup.description);
            try {
                converse(setup);
            } catch (RuntimeException e) {
                // a connection that closed mid-conversation: say why it closed, not "Disconnected"
                CliFailure lost = Cli.lost(setup.client);
                if (lost == null) {
                    lost = Cli.lost(setup.service);
                }
                throw lost != null ? lost : e;
            }
        }
        System.out.println("demo: done");
    }

    private static Setup connect(Cli cli) throws Exception {
        if (cli.address() != null) {
            Connection service = cli.connect();
            return new Setup("using the bus at " + cli.address(), service, cli.connect(), List.of());
        }
        String noSession;
        try {
            String address = BusAddress.sessionBus().toString();
            Connection service = Connection.openSession();
            return new Setup("using the session bus at " + address, service, Connection.openSession(), List.of());
        } catch (IOException e) {
            noSession = Cli.oneLine(e);
        }
        Path daemon = PrivateDaemon.find();
        if (daemon != null) {
            PrivateDaemon bus = PrivateDaemon.start(daemon);
            try {
                return new Setup(noSession + "\ndemo: started a private dbus-daemon at "
                        + bus.address(), Connection.open(bus.address()), Connection.open(bus.address()), List.of(bus));
            } catch (IOException | RuntimeException e) {
                bus.close();
                throw e;
            }
        }
        Path dir = Files.createTempDirectory("busgen-demo-");
        CompletableFuture<Connection> accepted = new CompletableFuture<>();
        PeerServer server = PeerServer.listen("unix:dir=" + dir, accepted::complete);
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(server);
        resources.add(() -> Files.deleteIfExists(dir));
        Connection client = Connection.openPeer(server.address());
        Connection service = accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
        return new Setup(noSession + "\ndemo: no dbus-daemon on the PATH either, so running "
                + "peer-to-peer with no daemon at " + server.address(), service, client, resources);
    }

    private static void converse(Setup setup) throws InterruptedException {
        CounterImpl counter = new CounterImpl(System.out::println);
        Subscription exported = counter.skeleton().export(setup.service, PATH);
        CounterProxy client;
        if (setup.service.isBus()) {
            NameRequest name = setup.service.requestName(BusName.of(CounterClientCommand.BUS_NAME), BusClient.DO_NOT_QUEUE);
            BusName destination = name.isOwned() ? name.name() : setup.service.uniqueName();
            System.out.println("service: exported the counter at " + PATH + " as " + destination
                    + (name.isOwned() ? "" : " (another program owns " + name.name() + ")"));
            client = CounterProxy.of(setup.client, destination, PATH);
        } else {
            System.out.println("service: exported the counter at " + PATH + " on the peer-to-peer connection");
            client = CounterProxy.of(setup.client, PATH);
        }
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        Subscription signals = client.onCountChanged(e -> heard.add("signal CountChanged(" + e.count() + ")"));
        Subscription property = client.onCountPropertyChanged(v -> heard.add("PropertiesChanged: Count = " + v));
        try {
            System.out.println("client: Add(5)");
            System.out.println("client: Add(5) -> " + client.add(5));
            expect(heard, 2);
            System.out.println("client: Add(-2)");
            System.out.println("client: Add(-2) -> " + client.add(-2));
            expect(heard, 2);
            System.out.println("client: Count -> " + client.getCount());
            System.out.println("client: set Count = 42");
            client.setCount(42);
            expect(heard, 2);
            System.out.println("client: Describe() -> " + CounterClientCommand.describe(client.describe()));
            System.out.println("client: Reset()");
            client.reset();
            expect(heard, 2);
            System.out.println("client: Count -> " + client.getCount());
        } finally {
            property.close();
            signals.close();
            exported.close();
        }
    }

    /** Prints the next {@code n} notifications the client heard, failing if they do not come. */
    private static void expect(BlockingQueue<String> heard, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            String event = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                throw new CliFailure("the client heard no signal within " + WAIT_SECONDS + " s");
            }
            System.out.println("client: heard " + event);
        }
    }
}
