package d;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusProperty;

@DBusInterface("com.example.Bad")
interface Bad {
    // a GObject-style name is a valid property name
    @DBusProperty(name = "disable-printing")
    boolean isDisablePrinting();

    // whitespace is not
    @DBusProperty(name = "paper size") //!
    String getPaperSize();

    // nor are characters beyond ASCII
    @DBusProperty(name = "Größe") //!
    int getSize();
}
