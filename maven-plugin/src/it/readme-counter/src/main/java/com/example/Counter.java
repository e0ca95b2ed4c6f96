package com.example;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusSignal;

// README.md, "A service and its client, from an annotated interface"
@DBusInterface("com.example.Counter")
public interface Counter {
    @DBusMethod(out = "count")
    int add(int delta);                         // Add(i delta) -> (i count)

    @DBusProperty int getCount();               // property Count, i, readwrite
    @DBusProperty void setCount(int count);

    @DBusSignal
    record CountChanged(int count) {}          // signal CountChanged(i count)
}
