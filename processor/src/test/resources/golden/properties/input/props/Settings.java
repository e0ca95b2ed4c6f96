package props;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusType;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;

import java.util.List;

/** Properties with every access and every EmitsChangedSignal, and an interface-wide default. */
@DBusInterface(value = "com.example.Settings", emitsChangedSignal = EmitsChangedSignal.INVALIDATES)
public interface Settings {
    /** Read-only, announced as the interface says (invalidates). */
    @DBusProperty
    String getName();

    /** Read-write, with the value in PropertiesChanged. */
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.TRUE)
    @DBusType("u") long getVolume();

    /** The setter of Volume. */
    @DBusProperty
    void setVolume(@DBusType("u") long volume);

    /** A boolean getter named isX. */
    @DBusProperty
    boolean isMuted();

    /** Its setter. */
    @DBusProperty
    void setMuted(boolean muted);

    /** Write-only. */
    @DBusProperty
    void setPassword(String password);

    /** Constant. */
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.CONST)
    List<String> getFeatures();

    /** Not announced at all. */
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.FALSE)
    double getLoad();

    /** A D-Bus name that does not follow the Java name. */
    @DBusProperty(name = "X_Position")
    int position();

    /** Its setter, found by the same D-Bus name. */
    @DBusProperty(name = "X_Position")
    void moveTo(int x);
}
