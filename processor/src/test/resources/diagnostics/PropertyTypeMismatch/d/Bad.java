package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusType;

@DBusInterface("com.example.Bad")
interface Bad {
    @DBusProperty
    @DBusType("u") long getLevel();

    @DBusProperty
    void setLevel(long level); //!
}
