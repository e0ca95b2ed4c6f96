package nr;

import io.github.busgen.annotation.DBusError;
import io.github.busgen.annotation.DBusInterface;

import java.util.List;

/** A current interface that uses a deprecated record and a deprecated exception. */
@DBusInterface("com.example.OldStuff")
public interface OldStuff {
    /** Uses the old types. */
    List<OldPoint> points(OldPoint from) throws OldError;

    /** A deprecated struct. */
    @Deprecated
    record OldPoint(int x, int y) {
    }

    /** A deprecated error. */
    @Deprecated
    @DBusError("com.example.Error.Old")
    class OldError extends Exception {
        private static final long serialVersionUID = 1L;

        /** With the error message. */
        public OldError(String message) {
            super(message);
        }
    }
}
