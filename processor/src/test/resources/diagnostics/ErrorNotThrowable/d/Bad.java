package d;

import io.github.busgen.annotation.DBusError;

@DBusError(
        "com.example.Error.Bad") //!
class Bad {
}
