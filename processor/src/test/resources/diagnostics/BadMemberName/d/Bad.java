package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;

@DBusInterface("com.example.Bad")
interface Bad {
    @DBusMethod(
            name = "Do-It") //!
    void f();
}
