package com.example;

import io.github.busgen.connection.Connection;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;

// README.md, "the service"
public final class Service {
    static class MyCounter implements Counter {
        private int count;
        CounterSkeleton skeleton = new CounterSkeleton(this);
        public synchronized int add(int delta) { count += delta; skeleton.emitCountChanged(count); return count; }
        public synchronized int getCount() { return count; }
        public synchronized void setCount(int count) { this.count = count; }
    }

    public static void main(String[] args) throws Exception {
        try (Connection bus = Connection.openSession()) {
            MyCounter counter = new MyCounter();
            counter.skeleton.export(bus, ObjectPath.of("/com/example/Counter"));
            bus.requestName(BusName.of("com.example.Counter"), 0);
            Thread.currentThread().join();              // serve until killed
        }
    }
}
