package d;

import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Bad")
interface Bad {
    void f(Box<String> box);

    record Box<T>(T value) { //!
    }
}
