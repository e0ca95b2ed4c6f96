package err;

import io.github.busgen.annotation.DBusError;
import io.github.busgen.connection.DBusException;
import io.github.busgen.names.ErrorName;

/** An unchecked error that is also a DBusException. */
@DBusError("com.example.Store.Error.AccessDenied")
public class AccessDeniedException extends DBusException {
    private static final long serialVersionUID = 1L;

    /** With the error message. */
    public AccessDeniedException(String message) {
        super(ErrorName.of("com.example.Store.Error.AccessDenied"), message);
    }
}
