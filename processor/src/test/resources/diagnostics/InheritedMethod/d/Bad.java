package d;

import io.github.busgen.annotation.DBusInterface;

interface Base {
    void inherited();
}

@DBusInterface("com.example.Bad")
interface Bad extends Base { //!
    void f();
}
