// A user project built by Maven: the plugin wrote the annotated interfaces, the processor their
// proxies, skeletons and introspection resources, everything compiled with -Xlint:all -Werror,
// and the second build found nothing to generate.
def generated = new File(basedir, 'target/generated-sources/busgen/com/example/dbus')
assert new File(generated, 'Notifications.java').text.contains('ServerInformationResult serverInformation();')
assert new File(generated, 'Notifications.java').text.contains('void close(@DBusType("u") long id);')
assert new File(generated, 'ExamplePlayer.java').text.contains('record TracksItem(String field0, ObjectPath field1, @DBusType("u") long field2)')
def classes = new File(basedir, 'target/classes')
assert new File(classes, 'com/example/dbus/NotificationsProxy.class').isFile()
assert new File(classes, 'com/example/dbus/NotificationsSkeleton.class').isFile()
assert new File(classes, 'com/example/dbus/ExamplePlayerProxy.class').isFile()
assert new File(classes, 'com/example/app/App.class').isFile()
def resource = new File(classes, 'META-INF/dbus/interfaces/org.freedesktop.Notifications.xml')
assert resource.text.contains('<method name="GetServerInformation">')
def log = new File(basedir, 'build.log').text
assert log.contains('busgen: 2 Java interfaces from 2 introspection files')
assert log.contains('busgen: 2 introspection files unchanged, nothing to generate')
return true
