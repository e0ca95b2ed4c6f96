package err;

import io.github.busgen.annotation.DBusError;

/** A subclass of another error, with its own name. */
@DBusError("com.example.Store.Error.Gone")
public class GoneException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /** With the error message. */
    public GoneException(String message) {
        super(message);
    }
}
