package d;

import io.github.busgen.annotation.DBusInterface;

@DBusInterface(
        "com.example.7up") //!
interface Bad {
    void f();
}
