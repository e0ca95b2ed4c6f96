// Starts what the build introspects: a private dbus-daemon listening on target/bus.sock and the
// python-dbus service thermo.py on it, owning com.example.Thermo. Each runs under `timeout 300`, so
// that neither outlives an aborted build; verify.groovy stops both through the pid files written here
// (the invoker runs it even when this script or the build fails). A missing dbus-daemon or python-dbus
// fails the test: CI installs both (.ci/run).
import java.util.concurrent.TimeUnit

def target = new File(basedir, 'target').absoluteFile
target.mkdirs()
def socket = new File(target, 'bus.sock')
// a unix socket path longer than sun_path (108 bytes with its NUL) cannot be bound
if (socket.path.getBytes('UTF-8').length > 107) {
    throw new IllegalStateException("the bus socket path ${socket} is longer than a unix socket path may be (107 bytes): "
            + 'build from a shorter directory')
}

def program = { String name, String debianPackage ->
    def dirs = ['/usr/bin', '/bin'] + (System.getenv('PATH') ?: '').split(':').toList()
    def found = dirs.collect { new File(it ?: '.', name) }.find { it.canExecute() }
    if (found == null) {
        throw new IllegalStateException("${name} is not installed and this test runs it: install the package "
                + "${debianPackage} (Debian/Ubuntu: sudo apt-get install ${debianPackage})")
    }
    found.path
}
def daemon = program('dbus-daemon', 'dbus-daemon')
def timeout = program('timeout', 'coreutils')
// Debian's python, which has python-dbus; the python3 first on PATH may be another one
def python = '/usr/bin/python3'
def pythonPackages = 'install the packages python3-dbus python3-gi (Debian/Ubuntu: sudo apt-get install python3-dbus python3-gi)'
if (!new File(python).canExecute()) {
    throw new IllegalStateException("${python} is missing and this test runs a python-dbus service: ${pythonPackages}")
}
def pythonCheck = [python, '-c', 'import dbus, dbus.service, dbus.mainloop.glib; from gi.repository import GLib'].execute()
if (!pythonCheck.waitFor(30, TimeUnit.SECONDS) || pythonCheck.exitValue() != 0) {
    pythonCheck.destroyForcibly()
    throw new IllegalStateException("${python} cannot import dbus and gi (${pythonCheck.err.text.trim()}), "
            + "and this test runs a python-dbus service: ${pythonPackages}")
}

// what an earlier, aborted run left behind (its processes end by their timeout), and the XML an earlier
// run introspected, so that verify.groovy sees only what this build writes
['bus.sock', 'dbus-daemon.pid', 'thermo.pid', 'dbus-daemon.log', 'thermo.log'].each { new File(target, it).delete() }
new File(basedir, 'src/main/dbus').deleteDir()

def config = new File(target, 'bus.conf')
config.text = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket.path}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

def start = { String name, List<String> command ->
    def log = new File(target, "${name}.log")
    def p = new ProcessBuilder([timeout, '300'] + command)
            .redirectInput(ProcessBuilder.Redirect.from(new File('/dev/null')))
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start()
    new File(target, "${name}.pid").text = "${p.pid()}\n"
    p
}
def waitFor = { String what, Process p, String logName, Closure<Boolean> ready ->
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
    while (!ready()) {
        if (!p.alive || System.nanoTime() > end) {
            def log = new File(target, logName)
            throw new IllegalStateException("${what} " + (p.alive ? 'did not get ready in 30 s' : "exited with ${p.exitValue()}")
                    + "; ${log}: " + (log.isFile() ? log.text.trim() : ''))
        }
        Thread.sleep(50)
    }
}

def started = []
try {
    def bus = start('dbus-daemon', [daemon, '--nofork', "--config-file=${config.path}".toString()])
    started << bus
    waitFor('dbus-daemon', bus, 'dbus-daemon.log') { socket.exists() }
    def service = start('thermo', [python, new File(basedir, 'thermo.py').absolutePath, "unix:path=${socket.path}".toString()])
    started << service
    // thermo.py prints "ready" once it owns its name
    waitFor('thermo.py', service, 'thermo.log') { new File(target, 'thermo.log').text.contains('ready') }
} catch (Throwable e) {
    started.reverse().each { p ->
        p.descendants().each { it.destroyForcibly() }
        p.destroyForcibly()
    }
    throw e
}
return true
