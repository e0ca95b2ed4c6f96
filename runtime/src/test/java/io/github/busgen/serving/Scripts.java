package io.github.busgen.serving;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The python-dbus scripts in {@code src/test/resources/interop}. */
final class Scripts {
    private Scripts() {
    }

    /** The file system path of {@code interop/NAME}. */
    static String path(String name) {
        URL url = Scripts.class.getResource("/interop/" + name);
        if (url == null) {
            throw new AssertionError("missing test resource interop/" + name);
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
