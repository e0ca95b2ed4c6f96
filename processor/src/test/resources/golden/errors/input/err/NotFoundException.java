package err;

import io.github.busgen.annotation.DBusError;

/** A checked error. */
@DBusError("com.example.Store.Error.NotFound")
public class NotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With the error message. */
    public NotFoundException(String message) {
        super(message);
    }
}
