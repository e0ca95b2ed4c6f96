package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;
import io.github.busgen.wire.WireReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks and decoding that generated proxies rely on, on messages built by hand. */
class ProxySupportTest {
    private static final ObjectPath PATH = ObjectPath.of("/p");
    private static final InterfaceName IFACE = InterfaceName.of("com.example.I");

    private static Message reply(String signature, Object... values) {
        return Message.methodReturn(1).body(Signature.of(signature), values);
    }

    private static Message propertiesChanged(Map<String, Variant> changed, List<String> invalidated) {
        return Message.signal(PATH, ProxySupport.PROPERTIES, MemberName.of("PropertiesChanged"))
                .body(Signature.of("sa{sv}as"), IFACE.value(), changed, invalidated);
    }

    @Test
    void aReplyWithAnotherSignatureIsRefused() {
        assertEquals(7, ProxySupport.read(reply("i", 7), Signature.of("i"), WireReader::readInt32));
        DBusException e = assertThrows(DBusException.class, () -> ProxySupport.reader(reply("s", "x"), Signature.of("i")));
        assertEquals(DBusErrors.INVALID_SIGNATURE, e.errorName());
        assertTrue(e.getMessage().contains("\"s\", expected \"i\""), e.getMessage());
    }

    @Test
    void aPropertyOfAnotherTypeIsRefused() throws Exception {
        WireReader r = ProxySupport.propertyReader(reply("v", Variant.ofInt32(3)), Signature.of("i"));
        assertEquals(3, r.readInt32());
        DBusException e = assertThrows(DBusException.class,
                () -> ProxySupport.propertyReader(reply("v", Variant.ofString("3")), Signature.of("i")));
        assertEquals(DBusErrors.INVALID_SIGNATURE, e.errorName());
        assertEquals(DBusErrors.INVALID_SIGNATURE, assertThrows(DBusException.class,
                () -> ProxySupport.propertyReader(reply("i", 3), Signature.of("i"))).errorName());
    }

    @Test
    void asynchronousRepliesAndErrors() throws Exception {
        CompletableFuture<Message> call = new CompletableFuture<>();
        CompletableFuture<Integer> value = ProxySupport.readAsync(call, Signature.of("i"), WireReader::readInt32,
                e -> e.is(ErrorName.of("com.example.Error.Mine")) ? new IllegalStateException(e.getMessage()) : e);
        call.complete(reply("i", 5));
        assertEquals(5, value.get());

        call = new CompletableFuture<>();
        value = ProxySupport.readAsync(call, Signature.of("i"), WireReader::readInt32,
                e -> e.is(ErrorName.of("com.example.Error.Mine")) ? new IllegalStateException(e.getMessage()) : e);
        call.completeExceptionally(new DBusException(ErrorName.of("com.example.Error.Mine"), "mapped"));
        ExecutionException x = assertThrows(ExecutionException.class, value::get);
        assertInstanceOf(IllegalStateException.class, x.getCause());

        call = new CompletableFuture<>();
        CompletableFuture<Void> done = ProxySupport.completion(call, ProxySupport.NO_ERRORS);
        call.completeExceptionally(new DBusException(DBusErrors.FAILED, "no"));
        assertInstanceOf(DBusException.class, assertThrows(ExecutionException.class, done::get).getCause());

        call = new CompletableFuture<>();
        value = ProxySupport.readAsync(call, Signature.of("i"), WireReader::readInt32, ProxySupport.NO_ERRORS);
        value.cancel(false);
        assertTrue(call.isCancelled(), "cancelling the result cancels the call");
    }

    @Test
    void signalHandlersDecodeOnlyTheirSignature() {
        List<Integer> seen = new ArrayList<>();
        var handler = ProxySupport.signalHandler(Signature.of("i"), WireReader::readInt32, seen::add);
        handler.accept(Message.signal(PATH, IFACE, MemberName.of("S")).body(Signature.of("i"), 1));
        handler.accept(Message.signal(PATH, IFACE, MemberName.of("S")).body(Signature.of("s"), "2"));
        assertEquals(List.of(1), seen);
    }

    @Test
    void propertyChangesWithTheValueOrInvalidated() {
        List<Object> seen = new ArrayList<>();
        var handler = ProxySupport.propertyChangedHandler("Count", Signature.of("i"), WireReader::readInt32,
                seen::add, () -> seen.add("fetch"));
        handler.accept(propertiesChanged(Map.of("Other", Variant.ofStrings(List.of("a")), "Count", Variant.ofInt32(4)),
                List.of()));
        handler.accept(propertiesChanged(Map.of(), List.of("Other", "Count")));
        handler.accept(propertiesChanged(Map.of("Other", Variant.ofInt32(1)), List.of("Other")));
        handler.accept(propertiesChanged(Map.of("Count", Variant.ofString("wrong type")), List.of()));
        assertEquals(List.of(4, "fetch"), seen);
    }

    @Test
    void rulesNameTheSenderOnlyOnABus() {
        MatchRule onBus = ProxySupport.signalRule(BusName.of("com.example.S"), PATH, IFACE, MemberName.of("Sig"));
        assertEquals("type='signal',sender='com.example.S',interface='com.example.I',member='Sig',path='/p'",
                onBus.toString());
        assertEquals(null, ProxySupport.signalRule(null, PATH, IFACE, MemberName.of("Sig")).sender());
        assertEquals("com.example.I", ProxySupport.propertiesChangedRule(null, PATH, IFACE).args().get(0));
    }
}
