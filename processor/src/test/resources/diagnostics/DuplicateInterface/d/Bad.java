package d;

import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Same")
interface First {
    void f();
}

@DBusInterface(
        "com.example.Same") //!
interface Second {
    void g();
}
