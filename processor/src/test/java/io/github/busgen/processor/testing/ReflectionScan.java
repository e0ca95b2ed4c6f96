package io.github.busgen.processor.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds reflective calls in a class file by reading its constant pool (JVMS 4.4): every class,
 * field and method a class refers to is named there, so a class that mentions no forbidden entry
 * cannot call it. Forbidden: anything in {@code java.lang.reflect} (dynamic proxies included),
 * {@code Class.forName} and the {@code Class} methods that look members up,
 * {@code ClassLoader.loadClass}, and {@code MethodHandles} lookups (the {@code Lookup} that
 * {@code invokedynamic} bootstrap methods receive from the JVM is not a call, so it is allowed).
 */
public final class ReflectionScan {
    private ReflectionScan() {
    }

    private static final Set<String> CLASS_METHODS = Set.of("forName", "getMethod", "getMethods", "getDeclaredMethod",
            "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields", "getConstructor",
            "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "newInstance",
            "getRecordComponents", "getEnclosingMethod", "getEnclosingConstructor");
    private static final Set<String> METHOD_HANDLES_METHODS = Set.of("lookup", "publicLookup", "privateLookupIn");

    /** The forbidden references in {@code classFile}, described; empty when there are none. */
    public static List<String> forbidden(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] a = new int[count];
        int[] b = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // 8-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> a[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    a[i] = in.readUnsignedShort();
                    b[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    a[i] = in.readUnsignedByte();
                    b[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        List<String> found = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7) {
                String name = utf8[a[i]];
                if (name.contains("java/lang/reflect/")) {
                    found.add("class " + name);
                }
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[a[a[i]]];
                int nameAndType = b[i];
                String member = utf8[a[nameAndType]];
                String descriptor = utf8[b[nameAndType]];
                String ref = owner + "." + member + descriptor;
                if (owner.startsWith("java/lang/reflect/") || descriptor.contains("java/lang/reflect/")
                        || (owner.equals("java/lang/Class") && CLASS_METHODS.contains(member))
                        || (owner.equals("java/lang/ClassLoader") && member.equals("loadClass"))
                        || (owner.equals("java/lang/invoke/MethodHandles") && METHOD_HANDLES_METHODS.contains(member))
                        || owner.equals("java/lang/invoke/MethodHandles$Lookup")) {
                    found.add(ref);
                }
            }
        }
        return found;
    }
}
