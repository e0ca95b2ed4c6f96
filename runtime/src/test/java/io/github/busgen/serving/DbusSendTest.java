package io.github.busgen.serving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.stream.Collectors;

import static io.github.busgen.serving.LibraryService.ADMIN;
import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libdbus's dbus-send drives the hand-written service: method calls, Properties Get/Set/GetAll,
 * ObjectManager.GetManagedObjects, Introspect and Peer, each answer as dbus-send prints it.
 */
class DbusSendTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass();

    /**
     * The reply's values as dbus-send prints them, one folded line: the header line
     * ({@code method return time=.. sender=.. reply_serial=..}) checked and dropped.
     */
    private static String reply(String path, String method, String... args) {
        String out = bus.dbusSend(path, method, args).ok();
        String header = out.lines().findFirst().orElse("");
        assertTrue(header.startsWith("method return ") && header.contains(" sender=" + bus.connection.uniqueName() + " "),
                () -> "not a reply from the service: " + out);
        return out.lines().skip(1).map(String::trim).collect(Collectors.joining(" ")).replaceAll(" +", " ");
    }

    @Test
    void callsAnswerWithValues() {
        String p = PATH.value();
        assertEquals("string \"Dune for 4 days\"", reply(p, LIBRARY + ".Lend", "string:Dune", "uint32:4"));
        assertEquals("variant int32 7", reply(p, LIBRARY + ".Echo", "variant:int32:7"));
        assertEquals("string \"library\"", reply(p, LIBRARY + ".Describe"));
        assertEquals("", reply(p, LIBRARY + ".Announce", "string:hello"));
    }

    @Test
    void properties() {
        String p = PATH.value();
        String props = "org.freedesktop.DBus.Properties";
        assertEquals("variant string \"Busgen Public Library\"",
                reply(p, props + ".Get", "string:" + LIBRARY, "string:Name"));
        assertEquals("", reply(p, props + ".Set", "string:" + ADMIN, "string:Auditor", "variant:string:bob"));
        assertEquals("bob", bus.service.auditor);
        assertEquals("array [ dict entry( string \"Budget\" variant int64 1000 ) dict entry( string \"Auditor\" variant string \"bob\" ) ]",
                reply(p, props + ".GetAll", "string:" + ADMIN));
    }

    @Test
    void getManagedObjectsListsTheBooks() {
        assertEquals("array [ dict entry( object path \"/io/github/busgen/test/Library/books/b1\" array [ dict entry( "
                        + "string \"io.github.busgen.test.Book\" array [ "
                        + "dict entry( string \"Title\" variant string \"Dune\" ) "
                        + "dict entry( string \"Author\" variant string \"Frank Herbert\" ) "
                        + "dict entry( string \"Pages\" variant uint32 104 ) ] ) ] ) "
                        + "dict entry( object path \"/io/github/busgen/test/Library/books/b2\" array [ dict entry( "
                        + "string \"io.github.busgen.test.Book\" array [ "
                        + "dict entry( string \"Title\" variant string \"Emma\" ) "
                        + "dict entry( string \"Author\" variant string \"Jane Austen\" ) "
                        + "dict entry( string \"Pages\" variant uint32 104 ) ] ) ] ) ]",
                reply(PATH.value(), "org.freedesktop.DBus.ObjectManager.GetManagedObjects"));
    }

    @Test
    void introspectNamesTheChildren() {
        String xml = reply(LibraryService.SHELVES.value(), "org.freedesktop.DBus.Introspectable.Introspect");
        assertTrue(xml.startsWith("string \"<!DOCTYPE node PUBLIC \"-//freedesktop//DTD D-BUS Object Introspection 1.0//EN\""), xml);
        assertTrue(xml.contains("<node name=\"A\"/> <node name=\"B\"/> <node name=\"C\"/> </node>"), xml);
    }

    @Test
    void peerAnswersOnAnyPath() throws IOException {
        assertEquals("string \"" + BusctlTest.machineId() + "\"",
                reply("/no/object/here", "org.freedesktop.DBus.Peer.GetMachineId"));
        assertEquals("", reply("/no/object/here", "org.freedesktop.DBus.Peer.Ping"));
    }
}
