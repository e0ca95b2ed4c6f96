// The README's annotated interface, service and client compile in a user project set up as the
// README says (runtime dependency, processor on annotationProcessorPaths), with -Xlint:all -Werror.
def classes = new File(basedir, 'target/classes')
['Counter', 'CounterProxy', 'CounterSkeleton', 'Service', 'Client'].each {
    assert new File(classes, "com/example/${it}.class").isFile() : "missing ${it}.class"
}
assert new File(classes, 'META-INF/dbus/interfaces/com.example.Counter.xml').text.contains('<signal name="CountChanged">')
return true
