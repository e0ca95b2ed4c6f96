package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;

@DBusInterface("com.example.Bad")
interface Bad {
    int add(int delta);

    @DBusMethod(name = "AddLater") //!
    int addAsync(int delta);
}
