package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusResult;

@DBusInterface("com.example.Bad")
interface Bad {
    void f(Both both); //!

    @DBusResult
    record Both(int a, int b) {
    }
}
