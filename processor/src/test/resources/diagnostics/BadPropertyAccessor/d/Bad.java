package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusProperty;

@DBusInterface("com.example.Bad")
interface Bad {
    @DBusProperty
    int setLevel(int level); //!
}
