package d;

import io.github.busgen.annotation.DBusInterface;

class Outer {
    @DBusInterface("com.example.Bad")
    private interface Bad { //!
        void f();
    }
}
