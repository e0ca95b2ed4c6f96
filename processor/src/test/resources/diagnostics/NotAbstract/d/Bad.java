package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;

@DBusInterface("com.example.Bad")
interface Bad {
    void f();

    @DBusMethod //!
    default void g() {
    }
}
