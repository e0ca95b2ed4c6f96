package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusResult;

@DBusInterface("com.example.Bad")
interface Bad {
    @DBusMethod(
            out = "both") //!
    Both f();

    @DBusResult
    record Both(int a, int b) {
    }
}
