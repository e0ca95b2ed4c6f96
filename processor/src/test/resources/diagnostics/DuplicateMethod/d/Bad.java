package d;

import io.github.busgen.annotation.DBusInterface;

@DBusInterface("com.example.Bad")
interface Bad {
    void send(int value);

    void send(String value); //!
}
