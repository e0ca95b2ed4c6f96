package com.example.app;

import com.example.dbus.Notifications;
import com.example.dbus.NotificationsProxy;
import com.example.dbus.NotificationsSkeleton;
import com.example.dbus.ExamplePlayer;
import com.example.dbus.ExamplePlayerProxy;
import io.github.busgen.connection.Connection;

import java.util.List;
import java.util.Map;

/** Uses the code generated from src/main/dbus, so that the build proves it compiles and links. */
public final class App {
    private App() {
    }

    public static long show(Connection bus, String summary) {
        Notifications n = NotificationsProxy.of(bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications");
        Notifications.ServerInformationResult info = n.serverInformation();
        n.close(0);
        return n.notify(info.name(), 0, "", summary, "", List.of(), Map.of(), -1);
    }

    public static String firstTrack(Connection bus) {
        ExamplePlayer player = ExamplePlayerProxy.of(bus, "org.freedesktop.Example", "/org/freedesktop/Example");
        player.setVolume(0.5);
        List<ExamplePlayer.TracksItem> tracks = player.tracks();
        return tracks.isEmpty() ? null : tracks.get(0).field0() + " " + player.getPeers();
    }

    static Class<?> skeleton() {
        return NotificationsSkeleton.class;
    }
}
