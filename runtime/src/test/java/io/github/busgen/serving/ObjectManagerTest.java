package io.github.busgen.serving;

import io.github.busgen.connection.SimpleInterface;
import io.github.busgen.connection.Subscription;
import io.github.busgen.introspect.PropertyInfo.Access;
import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.busgen.serving.LibraryService.BOOKS;
import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A python-dbus client of the ObjectManager: GetManagedObjects lists the objects below the
 * manager with their interfaces and readable properties, and objects and interfaces exported and
 * unexported at run time (through the service's methods, called by busctl and gdbus, and by the
 * Java side directly) arrive as InterfacesAdded and InterfacesRemoved, each matching what
 * GetManagedObjects answers afterwards.
 */
class ObjectManagerTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass();

    @Test
    void pythonClientFollowsObjectsAddedAndRemoved() {
        String b1 = BOOKS.child("b1").value(), b2 = BOOKS.child("b2").value(), b3 = BOOKS.child("b3").value();
        Programs.Peer client = Programs.start(Programs.python(), Programs.resource("/interop/object_manager_client.py").toString(),
                bus.address(), LibraryService.NAME.value(), PATH.value(), "4");
        StringBuilder expected = new StringBuilder();
        expect(expected, client, "object " + b1 + " io.github.busgen.test.Book "
                + "{'Title': <@s 'Dune'>, 'Author': <@s 'Frank Herbert'>, 'Pages': <@u 104>}");
        expect(expected, client, "object " + b2 + " io.github.busgen.test.Book "
                + "{'Title': <@s 'Emma'>, 'Author': <@s 'Jane Austen'>, 'Pages': <@u 104>}");
        expect(expected, client, "ready");

        // a new object, through the service's method
        assertEquals("o \"" + b3 + "\"\n", bus.busctlCall(PATH.value(), LIBRARY, "AddBook", "ss", "Ulysses", "James Joyce").ok());
        expect(expected, client, "added " + b3);
        expect(expected, client, "   io.github.busgen.test.Book {'Title': <@s 'Ulysses'>, 'Author': <@s 'James Joyce'>, 'Pages': <@u 107>}");
        expect(expected, client, "managed " + b1 + " " + b2 + " " + b3);

        // a second interface on an existing object; its write-only property is not sent
        Subscription review = bus.connection.export(BOOKS.child("b1"), SimpleInterface.builder("io.github.busgen.test.Review")
                .property("Stars", "y", Access.READ, () -> (byte) 5, null)
                .property("Note", "s", Access.WRITE, null, v -> { })
                .build());
        expect(expected, client, "added " + b1);
        expect(expected, client, "   io.github.busgen.test.Review {'Stars': <@y 5>}");
        expect(expected, client, "managed " + b1 + " " + b2 + " " + b3);

        // the interface goes again, the object stays
        review.close();
        expect(expected, client, "removed " + b1 + " io.github.busgen.test.Review");
        expect(expected, client, "managed " + b1 + " " + b2 + " " + b3);

        // an object goes, through the service's method called by gdbus
        assertEquals("()\n", bus.gdbusCall(PATH.value(), LIBRARY + ".RemoveBook", "'" + b2 + "'").ok());
        expect(expected, client, "removed " + b2 + " io.github.busgen.test.Book");
        expect(expected, client, "managed " + b1 + " " + b3);
        expect(expected, client, "done");

        assertEquals(expected.toString(), client.finish().ok());
    }

    private static void expect(StringBuilder expected, Programs.Peer client, String line) {
        expected.append(line).append('\n');
        String got = client.nextLine();
        assertEquals(line, got, () -> "the python client's output: " + client.kill());
    }
}
