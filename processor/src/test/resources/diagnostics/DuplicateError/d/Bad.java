package d;

import io.github.busgen.annotation.DBusError;
import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Bad")
interface Bad {
    void f() throws One, Two;
}

@DBusError("com.example.Error.Same")
class One extends Exception {
    private static final long serialVersionUID = 1L;

    One(String message) {
        super(message);
    }
}

@DBusError(
        "com.example.Error.Same") //!
class Two extends Exception {
    private static final long serialVersionUID = 1L;

    Two(String message) {
        super(message);
    }
}
