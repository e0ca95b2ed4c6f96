package com.example;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.Subscription;

// README.md, "a client"
public final class Client {
    public static void main(String[] args) throws Exception {
        try (Connection bus = Connection.openSession()) {
            CounterProxy counter = CounterProxy.of(bus, "com.example.Counter", "/com/example/Counter");
            try (Subscription s = counter.onCountChanged(e -> System.out.println("now " + e.count()))) {
                System.out.println(counter.add(5));                  // 5
                counter.addAsync(1).thenAccept(System.out::println); // CompletableFuture<Integer>
                counter.setCount(42);
            }
        }
    }
}
