package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.wire.Variant;

import java.util.List;
import java.util.Map;

@DBusInterface("com.example.Bad")
interface Bad {
    void f(
            Map<List<String>, Variant> byPath); //!
}
