package d;

import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Bad")
interface Bad {
    void f() throws java.io.IOException; //!
}
