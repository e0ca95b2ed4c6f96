package nm;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusSignal;

/** A nested interface, and Java names that meet the generated code's own. */
public final class Outer {
    private Outer() {
    }

    /** Parameters named like the generated locals, a method and a signal with the same D-Bus name, varargs. */
    @DBusInterface("com.example.Names")
    public interface Names {
        /** Parameters named like generated locals and constants. */
        int call(int w, int r, String call, String result, int b, int e, String reply, String handler, int MAX);

        /** The same D-Bus name as the signal below. */
        @DBusMethod(name = "Changed")
        void changeIt();

        /** A method whose constant would be ADD, next to a method named add_. */
        int add(int... values);

        /** Snake-case D-Bus name. */
        @DBusMethod(name = "add_")
        void addUnderscore();

        /**
         * A signal whose constant meets the method's, and whose components meet the generated
         * code's locals and the unicast emitter's destination.
         */
        @DBusSignal
        record Changed(String w, String e, String destination) {
        }
    }
}
