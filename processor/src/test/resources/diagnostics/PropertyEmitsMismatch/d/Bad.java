package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;

@DBusInterface("com.example.Bad")
interface Bad {
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.CONST)
    int getLevel();

    @DBusProperty(
            emitsChangedSignal = EmitsChangedSignal.TRUE) //!
    void setLevel(int level);
}
