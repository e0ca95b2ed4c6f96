package pn;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusProperty;

/**
 * Property names that are no member names: the specification allows them, and real services
 * (xdg-desktop-portal's Lockdown) use GObject-style dashed ones.
 */
@DBusInterface("com.example.Lockdown")
public interface Lockdown {
    /** A GObject-style name. */
    @DBusProperty(name = "disable-printing")
    boolean isDisablePrinting();

    /** Its setter. */
    @DBusProperty(name = "disable-printing")
    void setDisablePrinting(boolean disable);

    /** Another, whose constant would clash with a member name's. */
    @DBusProperty(name = "power-saver-enabled")
    boolean isPowerSaverEnabled();

    /** Punctuation that Javadoc, Java strings and XML each have to escape. */
    @DBusProperty(name = "x*/y{z}&<\\u0041>\"")
    String getOdd();
}
