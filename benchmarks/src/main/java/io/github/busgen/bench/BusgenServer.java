package io.github.busgen.bench;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.ExportedInterface;
import io.github.busgen.connection.MethodInvocation;
import io.github.busgen.connection.PeerServer;
import io.github.busgen.connection.SimpleInterface;
import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.names.BusName;
import io.github.busgen.wire.WireReader;

import java.io.IOException;
import java.nio.file.Path;

import static io.github.busgen.bench.BusgenClient.AY;
import static io.github.busgen.bench.BusgenClient.ASV;
import static io.github.busgen.bench.BusgenClient.ASV_TYPE;
import static io.github.busgen.bench.BusgenClient.INTERFACE;
import static io.github.busgen.bench.BusgenClient.PATH;
import static io.github.busgen.bench.BusgenClient.S;
import static io.github.busgen.bench.BusgenClient.TICK;
import static io.github.busgen.bench.BusgenClient.U;

/**
 * busgen's server: the Echo interface written against the low-level API, as a generated skeleton
 * would be (values read with WireReader, replies written with WireWriter; the a{sv} decoded into a
 * Map of Variants and encoded back).
 */
final class BusgenServer implements ExportedInterface {
    private static final InterfaceInfo INFO = SimpleInterface.builder(Bench.INTERFACE)
            .method("Echo", "s", "s", (c, a) -> null)
            .method("EchoDict", "a{sv}", "a{sv}", (c, a) -> null)
            .method("EchoBytes", "ay", "ay", (c, a) -> null)
            .method("Emit", "u", "", (c, a) -> null)
            .signal("Tick", "u")
            .build().info();

    @Override
    public InterfaceInfo info() {
        return INFO;
    }

    @Override
    public void invoke(MethodInvocation call) throws Exception {
        WireReader in = call.arguments();
        switch (call.member().value()) {
            case "Echo": {
                String s = in.readString();
                call.reply(S, w -> w.writeString(s));
                break;
            }
            case "EchoDict": {
                Object dict = in.readValue(ASV_TYPE);
                call.reply(ASV, w -> w.writeValue(ASV_TYPE, dict));
                break;
            }
            case "EchoBytes": {
                byte[] b = in.readByteArray();
                call.reply(AY, w -> w.writeByteArray(b));
                break;
            }
            case "Emit": {
                long n = in.readUInt32();
                call.reply();
                Connection c = call.connection();
                for (long i = 0; i < n; i++) {
                    long tick = i;
                    c.emitSignal(PATH, INTERFACE, TICK, U, w -> w.writeUInt32(tick));
                }
                break;
            }
            default:
                throw new IllegalArgumentException("no method " + call.member());
        }
    }

    /** Serves on the bus under {@code name}, and peer-to-peer on {@code socket}, until the process ends. */
    static void serve(String address, String name, Path socket) throws IOException {
        BusgenServer echo = new BusgenServer();
        Connection bus = Connection.open(address);
        bus.export(PATH, echo);
        bus.requestName(BusName.of(name), 0);
        PeerServer.listen("unix:path=" + socket, peer -> peer.export(PATH, echo));
    }
}
