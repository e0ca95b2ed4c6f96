package io.github.busgen.bench;

/** The implementations compared. */
public enum Library {
    BUSGEN("busgen", "busgen"),
    DBUS_JAVA("dbusjava", "dbus-java 5.2.2"),
    SD_BUS("sdbus", "sd-bus (C)");

    /** The short name used in bus names and on command lines. */
    final String id;
    /** The column title. */
    final String title;

    Library(String id, String title) {
        this.id = id;
        this.title = title;
    }

    static Library of(String id) {
        for (Library l : values()) {
            if (l.id.equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown library " + id);
    }
}
