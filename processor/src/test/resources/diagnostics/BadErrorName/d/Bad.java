package d;

import io.github.busgen.annotation.DBusError;
import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Bad")
interface Bad {
    void f() throws Oops;
}

@DBusError(
        "Oops") //!
class Oops extends Exception {
    private static final long serialVersionUID = 1L;

    Oops(String message) {
        super(message);
    }
}
