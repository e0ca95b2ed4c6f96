package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusSignal;

@DBusInterface("com.example.Bad")
interface Bad {
    void f();

    @DBusSignal //!
    final class Changed {
    }
}
