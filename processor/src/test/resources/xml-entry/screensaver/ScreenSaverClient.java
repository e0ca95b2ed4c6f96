package screensaver;

import io.github.busgen.annotation.DBusXml;
import io.github.busgen.connection.Connection;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;

/**
 * A client of the screen saver, whose interface comes from the XML beside this class: the class,
 * not its package, names the file, and it uses the types generated from it.
 */
@DBusXml(value = "org.freedesktop.ScreenSaver.xml", interfacePrefix = "org.freedesktop.")
public final class ScreenSaverClient {
    private ScreenSaverClient() {
    }

    /** The session's screen saver, through the generated proxy. */
    public static ScreenSaver of(Connection session) {
        return ScreenSaverProxy.of(session, BusName.of("org.freedesktop.ScreenSaver"),
                ObjectPath.of("/org/freedesktop/ScreenSaver"));
    }

    /** Whether the screen saver is active. */
    public static boolean active(Connection session) {
        return of(session).getActive();
    }
}
