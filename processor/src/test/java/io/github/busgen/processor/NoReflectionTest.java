package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.busgen.connection.Connection;
import io.github.busgen.processor.e2e.EverythingProxy;
import io.github.busgen.processor.testing.Compilations;
import io.github.busgen.processor.testing.ReflectionScan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No class of the runtime and no generated class uses reflection, dynamic proxies,
 * {@code Class.forName} or {@code MethodHandles} lookups: their class files' constant pools name
 * none of them (see {@link ReflectionScan}). The golden test scans the classes of every golden
 * case the same way.
 */
class NoReflectionTest {
    @Test
    void theRuntimeUsesNoReflection() throws Exception {
        Map<String, byte[]> classes = classesAt(Connection.class);
        assertTrue(classes.size() > 50, "found the runtime's classes: " + classes.keySet());
        assertTrue(classes.containsKey("io/github/busgen/fdo/DBusProxy.class"), "the checked-in generated code is there");
        assertEquals(Map.of(), forbidden(classes));
    }

    @Test
    void codeGeneratedInThisModuleUsesNoReflection() throws Exception {
        Map<String, byte[]> generated = new TreeMap<>();
        classesAt(EverythingProxy.class).forEach((name, bytes) -> {
            if (name.matches("io/github/busgen/processor/e2e/Everything(Proxy|Skeleton|Codec)(\\$.*)?\\.class")) {
                generated.put(name, bytes);
            }
        });
        assertTrue(generated.size() >= 3, generated.keySet().toString());
        assertEquals(Map.of(), forbidden(generated));
    }

    @Test
    void theScanFindsEveryKindOfReflection() throws IOException {
        Compilation c = Compilations.strict(List.of(JavaFileObjects.forSourceString("x.Reflective", """
                package x;
                import java.lang.invoke.MethodHandles;
                import java.lang.invoke.MethodType;
                final class Reflective {
                    static Object all() throws Throwable {
                        Class<?> c = Class.forName("java.lang.String");
                        Object o = c.getDeclaredConstructor().newInstance();
                        c.getMethod("length").invoke(o);
                        MethodHandles.lookup().findVirtual(c, "length", MethodType.methodType(int.class));
                        return java.lang.reflect.Proxy.newProxyInstance(null, new Class<?>[0], (p, m, a) -> null);
                    }
                }
                """), JavaFileObjects.forSourceString("x.Innocent", """
                package x;
                import java.util.function.Supplier;
                record Innocent(int a, String b) {
                    Supplier<String> describe() {
                        return () -> "a=" + a + " b=" + b;
                    }
                }
                """)));
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        Map<String, byte[]> classes = Compilations.classFiles(c);
        List<String> found = ReflectionScan.forbidden(classes.get("x/Reflective.class"));
        for (String expected : List.of("java/lang/Class.forName", "java/lang/Class.getDeclaredConstructor",
                "java/lang/reflect/Constructor.newInstance", "java/lang/reflect/Method.invoke",
                "java/lang/invoke/MethodHandles.lookup", "java/lang/invoke/MethodHandles$Lookup.findVirtual",
                "java/lang/reflect/Proxy.newProxyInstance")) {
            assertTrue(found.stream().anyMatch(f -> f.startsWith(expected)), expected + " not found in " + found);
        }
        assertEquals(List.of(), ReflectionScan.forbidden(classes.get("x/Innocent.class")),
                "lambdas, records and string concatenation bootstrap through MethodHandles.Lookup without calling it");
    }

    private static Map<String, List<String>> forbidden(Map<String, byte[]> classes) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            List<String> found = ReflectionScan.forbidden(e.getValue());
            if (!found.isEmpty()) {
                out.put(e.getKey(), found);
            }
        }
        return out;
    }

    /** Every class file of the directory or jar that {@code member} was loaded from. */
    private static Map<String, byte[]> classesAt(Class<?> member) throws IOException, URISyntaxException {
        Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> out = new TreeMap<>();
        if (Files.isDirectory(location)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(location)) {
                walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
            }
            for (Path p : files) {
                out.put(location.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
            return out;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry e = entries.nextElement();
                if (e.getName().endsWith(".class")) {
                    out.put(e.getName(), jar.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }
}
