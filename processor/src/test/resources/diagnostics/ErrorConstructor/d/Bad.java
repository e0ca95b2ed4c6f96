package d;

import io.github.busgen.annotation.DBusError;

@DBusError(
        "com.example.Error.Bad") //!
public class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    public Bad(String message, int code) {
        super(message + code);
    }
}
