package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusSignal;

@DBusInterface("com.example.Bad")
interface Bad {
    @DBusSignal
    record Changed(int value) {
    }

    @DBusSignal(
            name = "Changed") //!
    record ChangedAgain(String value) {
    }
}
