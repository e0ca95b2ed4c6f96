package d;

import io.github.busgen.annotation.DBusSignal;

@DBusSignal
record Changed(int value) { //!
}
