package io.github.busgen.serving;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.ExportedInterface;
import io.github.busgen.connection.MethodInvocation;
import io.github.busgen.connection.NameRequest;
import io.github.busgen.connection.SimpleInterface;
import io.github.busgen.connection.SubtreeHandler;
import io.github.busgen.connection.Subscription;
import io.github.busgen.fdo.BusClient;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.ArgInfo;
import io.github.busgen.introspect.MethodInfo;
import io.github.busgen.introspect.PropertyInfo.Access;
import io.github.busgen.introspect.SignalInfo;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small library service written by hand with the runtime's export API, as a user without the
 * processor would write it; the tests drive it with programs nobody here wrote.
 *
 * <pre>
 * bus name  io.github.busgen.test.Library
 * /io/github/busgen/test/Library              Library + Library.Admin; ObjectManager for the books
 * /io/github/busgen/test/Library/books/bN     Book, one object per book, added and removed at run time
 * /io/github/busgen/test/Shelves[/A|/B|/C]    Shelf, served by one subtree (fallback) handler
 * </pre>
 *
 * Properties cover every access and every EmitsChangedSignal value: Name (read, const), Motto
 * (readwrite, true), Hours (readwrite, invalidates), Visitors (read, false), Secret (write),
 * BookCount (read, true); Admin's interface annotation says invalidates, which Budget inherits and
 * Auditor overrides with true. Methods answer at once, throw each kind of failure, block until the
 * test releases them, or answer later through a future the test completes.
 */
final class LibraryService implements AutoCloseable {
    static final BusName NAME = BusName.of("io.github.busgen.test.Library");
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Library");
    static final ObjectPath BOOKS = PATH.child("books");
    static final ObjectPath SHELVES = ObjectPath.of("/io/github/busgen/test/Shelves");
    static final String LIBRARY = "io.github.busgen.test.Library";
    static final String ADMIN = "io.github.busgen.test.Library.Admin";
    static final String BOOK = "io.github.busgen.test.Book";
    static final String SHELF = "io.github.busgen.test.Shelf";
    static final ErrorName NOT_AVAILABLE = ErrorName.of("io.github.busgen.test.Library.Error.NotAvailable");
    static final ErrorName NO_SUCH_BOOK = ErrorName.of("io.github.busgen.test.Library.Error.NoSuchBook");
    static final List<String> SHELF_LETTERS = List.of("A", "B", "C");

    final Connection connection;
    final SimpleInterface library;
    final SimpleInterface admin;
    private final List<Subscription> exports = new ArrayList<>();
    private final Map<ObjectPath, Subscription> books = new ConcurrentHashMap<>();
    private final Map<ObjectPath, String> titles = new ConcurrentHashMap<>();
    private final AtomicInteger nextBook = new AtomicInteger();
    private NameRequest name;
    /** The Admin interface's export: closing it leaves the Library interface at the same path. */
    Subscription adminExport;
    /** The subtree handler's export. */
    Subscription shelvesExport;

    // property values; volatile because handlers run on several dispatch threads
    volatile String motto = "Read more";
    volatile String hours = "9-17";
    final AtomicLong visitors = new AtomicLong();
    volatile String secret = "";
    volatile long budget = 1000;
    volatile String auditor = "nobody";

    /** Calls of Touch, the NoReply method, one element per call. */
    final BlockingQueue<Boolean> touches = new LinkedBlockingQueue<>();
    /** Counted down when a Block call has started waiting. */
    final CountDownLatch blockEntered = new CountDownLatch(1);
    /** Counted down by the test to let Block answer. */
    final CountDownLatch blockRelease = new CountDownLatch(1);
    /** The futures of Later calls, in arrival order; the test completes them. */
    final BlockingQueue<CompletableFuture<String>> later = new LinkedBlockingQueue<>();

    LibraryService(Connection connection) {
        this.connection = connection;
        this.library = libraryInterface();
        this.admin = SimpleInterface.builder(ADMIN)
                .annotation(Annotation.EMITS_CHANGED_SIGNAL, "invalidates")
                .method(method("Describe", List.of(), List.of(ArgInfo.of("text", "s"))), (c, a) -> List.of("admin"))
                .property("Budget", "x", Access.READWRITE, () -> budget, v -> {
                    budget = (Long) v;
                    changed(adminInterface(), "Budget");
                })
                .property("Auditor", "s", Access.READWRITE, () -> auditor, v -> {
                    auditor = (String) v;
                    changed(adminInterface(), "Auditor");
                }, new Annotation(Annotation.EMITS_CHANGED_SIGNAL, "true"))
                .build();
    }

    // the setters run after construction; a lambda in the constructor may not read a final field yet
    private ExportedInterface adminInterface() {
        return admin;
    }

    private static MethodInfo method(String name, List<ArgInfo> in, List<ArgInfo> out, Annotation... annotations) {
        return new MethodInfo(MemberName.of(name), in, out, List.of(annotations));
    }

    private static Annotation emits(String value) {
        return new Annotation(Annotation.EMITS_CHANGED_SIGNAL, value);
    }

    private SimpleInterface libraryInterface() {
        return SimpleInterface.builder(LIBRARY)
                .method(method("AddBook", List.of(ArgInfo.of("title", "s"), ArgInfo.of("author", "s")),
                        List.of(ArgInfo.of("book", "o"))), (c, a) -> List.of(addBook((String) a.get(0), (String) a.get(1))))
                .method(method("RemoveBook", List.of(ArgInfo.of("book", "o")), List.of()), (c, a) -> {
                    removeBook((ObjectPath) a.get(0));
                    return null;
                })
                .method(method("Lend", List.of(ArgInfo.of("title", "s"), ArgInfo.of("days", "u")),
                        List.of(ArgInfo.of("receipt", "s"))), (c, a) -> List.of(lend((String) a.get(0), (Long) a.get(1))))
                .method(method("Crash", List.of(), List.of()), (c, a) -> {
                    throw new IllegalStateException("the shelf collapsed");
                })
                .method(method("Block", List.of(), List.of(ArgInfo.of("answer", "s"))), (c, a) -> {
                    blockEntered.countDown();
                    blockRelease.await();
                    return List.of("unblocked");
                })
                .method(method("Later", List.of(ArgInfo.of("text", "s")), List.of(ArgInfo.of("answer", "s"))), (c, a) -> {
                    CompletableFuture<String> f = new CompletableFuture<>();
                    later.add(f);
                    return f.thenApply(List::of);
                })
                .method(method("Touch", List.of(), List.of(), new Annotation(Annotation.NO_REPLY, "true")), (c, a) -> {
                    touches.add(c.isNoReplyExpected());
                    return null;
                })
                .method(method("Describe", List.of(), List.of(ArgInfo.of("text", "s"))), (c, a) -> List.of("library"))
                .method(method("Echo", List.of(ArgInfo.of("value", "v")), List.of(ArgInfo.of("value", "v"))),
                        (c, a) -> List.of(a.get(0)))
                .method(method("WhoAmI", List.of(), List.of(ArgInfo.of("caller", "s"), ArgInfo.of("path", "o"),
                        ArgInfo.of("flags", "y"))), (c, a) -> List.of(String.valueOf(c.sender()), c.path(), (byte) c.flags()))
                .method(method("Announce", List.of(ArgInfo.of("text", "s")), List.of()), (c, a) -> {
                    announce((String) a.get(0));
                    return null;
                })
                .method(method("OldCatalog", List.of(), List.of(ArgInfo.of("titles", "as")),
                        new Annotation(Annotation.DEPRECATED, "true")), (c, a) -> List.of(List.copyOf(titles.values())))
                .signal(new SignalInfo(MemberName.of("Announcement"), List.of(ArgInfo.of("text", "s")), List.of()))
                .signal(new SignalInfo(MemberName.of("Whisper"), List.of(ArgInfo.of("text", "s")), List.of()))
                .signal(new SignalInfo(MemberName.of("BookAdded"), List.of(ArgInfo.of("book", "o"),
                        ArgInfo.of("title", "s")), List.of()))
                .property("Name", "s", Access.READ, () -> "Busgen Public Library", null, emits("const"))
                .property("Motto", "s", Access.READWRITE, () -> motto, v -> {
                    if (((String) v).isEmpty()) {
                        throw new IllegalArgumentException("a motto cannot be empty");
                    }
                    motto = (String) v;
                    changed(library(), "Motto");
                })
                .property("Hours", "s", Access.READWRITE, () -> hours, v -> {
                    hours = (String) v;
                    changed(library(), "Hours");
                }, emits("invalidates"))
                .property("Visitors", "u", Access.READ, visitors::get, null, emits("false"))
                .property("Secret", "s", Access.WRITE, null, v -> secret = (String) v)
                .property("BookCount", "u", Access.READ, () -> (long) books.size(), null)
                .build();
    }

    private ExportedInterface library() {
        return library;
    }

    private void changed(ExportedInterface iface, String... properties) {
        connection.emitPropertiesChanged(PATH, iface, List.of(properties));
    }

    /** Exports everything and requests the name; returns the bus's answer. */
    NameRequest.Reply start() {
        exports.add(connection.exportObjectManager(PATH));
        exports.add(connection.export(PATH, library));
        adminExport = connection.export(PATH, admin);
        shelvesExport = connection.exportSubtree(SHELVES, new Shelves());
        exports.add(adminExport);
        exports.add(shelvesExport);
        addBook("Dune", "Frank Herbert");
        addBook("Emma", "Jane Austen");
        name = connection.requestName(NAME, BusClient.DO_NOT_QUEUE);
        return name.reply();
    }

    ObjectPath addBook(String title, String author) {
        ObjectPath path = BOOKS.child("b" + nextBook.incrementAndGet());
        SimpleInterface book = SimpleInterface.builder(BOOK)
                .property("Title", "s", Access.READ, () -> title, null, emits("const"))
                .property("Author", "s", Access.READ, () -> author, null, emits("const"))
                .property("Pages", "u", Access.READ, () -> 100L + title.length(), null, emits("const"))
                .build();
        titles.put(path, title);
        books.put(path, connection.export(path, book));
        connection.emitSignal(PATH, InterfaceName.of(LIBRARY), MemberName.of("BookAdded"), Signature.of("os"), path, title);
        changed(library, "BookCount");
        return path;
    }

    void removeBook(ObjectPath path) {
        Subscription s = books.remove(path);
        if (s == null) {
            throw new DBusException(NO_SUCH_BOOK, "there is no book at " + path);
        }
        titles.remove(path);
        s.close();
        changed(library, "BookCount");
    }

    private String lend(String title, long days) {
        if (days == 0) {
            throw new IllegalArgumentException("a book is lent for at least one day");
        }
        for (Map.Entry<ObjectPath, String> e : titles.entrySet()) {
            if (e.getValue().equals(title)) {
                visitors.incrementAndGet();
                return title + " for " + days + " days";
            }
        }
        throw new DBusException(NOT_AVAILABLE, "the library has no copy of " + title);
    }

    void announce(String text) {
        connection.emitSignal(PATH, InterfaceName.of(LIBRARY), MemberName.of("Announcement"), Signature.of("s"), text);
    }

    /** Sends Whisper to {@code destination} only. */
    void whisper(BusName destination, String text) {
        connection.emitSignal(destination, PATH, InterfaceName.of(LIBRARY), MemberName.of("Whisper"), Signature.of("s"),
                w -> w.writeString(text));
    }

    /** The shelves: one handler for /Shelves and every shelf below it, objects made up per call. */
    private static final class Shelves implements SubtreeHandler {
        @Override
        public List<ExportedInterface> interfacesAt(ObjectPath path) {
            if (path.equals(SHELVES)) {
                return List.of(); // the root exists, with children and no interfaces of its own
            }
            String letter = path.value().substring(SHELVES.value().length() + 1);
            if (!SHELF_LETTERS.contains(letter)) {
                return null;
            }
            return List.of(SimpleInterface.builder(SHELF)
                    .method(method("Where", List.of(), List.of(ArgInfo.of("path", "o"))), (c, a) -> List.of(c.path()))
                    .property("Letter", "s", Access.READ, () -> letter, null, emits("const"))
                    .build());
        }

        @Override
        public List<String> childrenOf(ObjectPath path) {
            return path.equals(SHELVES) ? SHELF_LETTERS : List.of();
        }
    }

    @Override
    public void close() {
        if (name != null) {
            name.close();
        }
        books.values().forEach(Subscription::close);
        exports.forEach(Subscription::close);
    }
}
