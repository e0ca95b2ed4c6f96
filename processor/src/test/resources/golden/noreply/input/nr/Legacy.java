package nr;

import io.github.busgen.annotation.DBusAnnotation;
import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusSignal;

/** No-reply methods, deprecation everywhere, and extra introspection annotations. */
@DBusInterface("com.example.Legacy")
@DBusAnnotation(name = "org.gtk.GDBus.C.Name", value = "Legacy")
@DBusAnnotation(name = "com.example.Owner", value = "team <a&b>")
@Deprecated
public interface Legacy {
    /** Fire and forget. */
    @DBusMethod(noReply = true)
    void ping(String from);

    /** Old; use something else. */
    @Deprecated
    @DBusMethod(name = "OldCall")
    int old(@Deprecated int value);

    /** An old property. */
    @Deprecated
    @DBusProperty
    String getMode();

    /** An old signal. */
    @Deprecated
    @DBusSignal
    record Changed(@DBusAnnotation(name = "com.example.Unit", value = "ms") long delay) {
    }
}
