// A broken XML file fails the build with a file:line:column line that terminals and IDEs link.
def log = new File(basedir, 'build.log').text
def expected = new File(basedir, 'src/main/dbus/broken.xml').canonicalPath + ':5:7: [XmlBadSignature] type="a{vs}"'
assert log.contains(expected) : "build.log lacks: " + expected
assert log.contains('busgen: 1 error(s) in the introspection XML')
return true
