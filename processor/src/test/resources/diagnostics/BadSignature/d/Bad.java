package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusType;

@DBusInterface("com.example.Bad")
interface Bad {
    void f(
            @DBusType("a") long[] values); //!
}
