package com.example.app;

import com.example.thermo.Thermo;
import com.example.thermo.ThermoProxy;
import com.example.thermo.ThermoSensor;
import com.example.thermo.ThermoSensorProxy;
import io.github.busgen.connection.Connection;
import io.github.busgen.connection.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * Uses the client API generated from what the introspect goal read off the running python service,
 * so that the build proves it compiles: methods, a method with two unnamed out-arguments, a signal and
 * the properties that thermo.py declares. Subscriptions are on the proxy, not on the interface.
 */
public final class ThermoClient {
    private ThermoClient() {
    }

    public static String report(Connection bus) {
        ThermoProxy thermo = ThermoProxy.of(bus, "com.example.Thermo", "/com/example/Thermo");
        ThermoSensor sensor = ThermoSensorProxy.of(bus, "com.example.Thermo", "/com/example/Thermo/Sensor0");
        List<String> reached = new ArrayList<>();
        Subscription subscription = thermo.onTargetReached(e -> reached.add(e.target() + " at " + e.current()));
        try {
            boolean heating = thermo.adjust(-1.5);
            thermo.setTarget(21.0);
            thermo.schedule(List.of("07:00 21", "22:00 17"));
            Thermo.ReadResult now = thermo.read();
            return now.arg0() + " " + now.arg1().get("Sensor0") + " " + thermo.getUnit() + " target " + thermo.getTarget()
                    + (heating || thermo.isHeating() ? " heating" : "") + " calibrated " + sensor.calibrate(0.5) + " " + reached;
        } finally {
            subscription.close();
        }
    }
}
