// The introspect goal read a service nobody here wrote (python-dbus, on a private dbus-daemon that
// setup.groovy started) from / down, wrote one file per interface of its own into src/main/dbus and
// none for the org.freedesktop.DBus ones, and generate and javac (-Xlint:all -Werror) made a client of
// them in the same build. Stops the service and the daemon first, whatever happened before.
import java.util.concurrent.TimeUnit

// Ends the `timeout` that setup.groovy started and what runs under it, if it is still ours: a pid is
// only trusted while its command line names this project's directory.
def stop(String name) {
    def pidFile = new File(basedir, "target/${name}.pid")
    if (!pidFile.isFile()) {
        return
    }
    def here = basedir.absolutePath
    ProcessHandle.of(pidFile.text.trim() as long)
            .filter { it.info().commandLine().orElse('').contains(here) }
            .ifPresent { ProcessHandle wrapper ->
                def all = wrapper.descendants().toList() + [wrapper]
                all.each { it.destroy() }
                all.each { h ->
                    if (!h.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join()) {
                        h.destroyForcibly()
                        h.onExit().get(5, TimeUnit.SECONDS)
                    }
                }
                def left = all.findAll { it.alive }
                assert left.isEmpty() : "${name} processes survived SIGKILL: ${left*.pid()}"
            }
    pidFile.delete()
}
try {
    stop('thermo')
} finally {
    stop('dbus-daemon')
}

def log = new File(basedir, 'build.log').text
if (!log.contains('BUILD SUCCESS')) {
    // setup.groovy or the build failed, and the invoker reports that: checking what is missing would hide it
    return true
}
def dbus = new File(basedir, 'src/main/dbus')
def written = (dbus.list() ?: new String[0]).toList().sort()
assert written == ['com.example.Thermo.Sensor.xml', 'com.example.Thermo.xml'] :
        "src/main/dbus should hold the service's two interfaces, not the standard ones; it holds ${written}"
assert log.contains('busgen: wrote ' + new File(dbus, 'com.example.Thermo.xml').path)

// "Name(in d delta, out b)" for each method or signal, "Name d readwrite" for each property
def read = { String file ->
    def slurper = new groovy.xml.XmlSlurper(false, false, true)
    slurper.setFeature('http://apache.org/xml/features/nonvalidating/load-external-dtd', false)
    def node = slurper.parse(new File(dbus, file))
    assert node.interface.size() == 1 : "${file} holds ${node.interface.size()} interfaces"
    def i = node.interface[0]
    def args = { member -> member.arg.collect { a -> [a.@direction.text(), a.@type.text(), a.@name.text()].findAll { it }.join(' ') }.join(', ') }
    [name      : i.@name.text(),
     methods   : i.method.collect { m -> "${m.@name}(${args(m)})".toString() },
     signals   : i.signal.collect { s -> "${s.@name}(${args(s)})".toString() },
     properties: i.property.collect { p -> "${p.@name} ${p.@type} ${p.@access}".toString() }]
}
def thermo = read('com.example.Thermo.xml')
assert thermo.name == 'com.example.Thermo'
assert thermo.methods == ['Adjust(in d delta, out b)', 'Read(out d, out a{sd})', 'Schedule(in as entries)']
assert thermo.signals == ['TargetReached(d target, d current)']
assert thermo.properties == ['Target d readwrite', 'Unit s read', 'Heating b read']
def sensor = read('com.example.Thermo.Sensor.xml')
assert sensor.name == 'com.example.Thermo.Sensor'
assert sensor.methods == ['Calibrate(in d offset, out d)']
assert sensor.signals.isEmpty() && sensor.properties.isEmpty()

def generated = new File(basedir, 'target/generated-sources/busgen/com/example/thermo')
assert (generated.list() ?: new String[0]).toList().sort() == ['Thermo.java', 'ThermoSensor.java']
assert log.contains('busgen: 2 Java interfaces from 2 introspection files')
def classes = new File(basedir, 'target/classes')
['thermo/ThermoProxy', 'thermo/ThermoSkeleton', 'thermo/ThermoSensorProxy', 'app/ThermoClient'].each {
    assert new File(classes, "com/example/${it}.class").isFile() : "missing com/example/${it}.class"
}
return true
