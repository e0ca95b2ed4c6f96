package sig;

import io.github.busgen.annotation.DBusAnnotation;
import io.github.busgen.annotation.DBusArg;
import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusSignal;
import io.github.busgen.annotation.DBusType;
import io.github.busgen.names.ObjectPath;

import java.util.List;
import java.util.Map;

/** Signals: none, one and several arguments, containers, names and annotations. */
@DBusInterface("com.example.Player")
public interface Player {
    /** Plays. */
    void play(String uri);

    /** Without arguments. */
    @DBusSignal
    record Stopped() {
    }

    /** With several, one renamed. */
    @DBusSignal
    record TrackChanged(@DBusArg("track_uri") String uri, @DBusType("u") long position, ObjectPath track) {
    }

    /** With a D-Bus name of its own and containers. */
    @DBusSignal(name = "QueueChanged")
    @DBusAnnotation(name = "org.gtk.GDBus.Since", value = "2")
    record Queue(List<String> uris, Map<String, List<Long>> positions) {
    }

    /** A record that is not a signal: ignored unless used. */
    record Helper(int a) {
    }
}
