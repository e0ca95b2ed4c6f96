package d;

import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Bad")
interface Bad {
    <T> void f(T value); //!
}
