package d;

import io.github.busgen.annotation.DBusInterface;

class Outer {
    private record Hidden(int value) {
    }

    @DBusInterface("com.example.Bad")
    interface Bad {
        void f(
                Hidden hidden); //!
    }
}
