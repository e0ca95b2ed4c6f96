package d;

import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Bad") //!
class Bad {
}
