package io.github.busgen.connection;

import io.github.busgen.auth.AuthResult;
import io.github.busgen.auth.Authenticator;
import io.github.busgen.auth.ClientAuthOptions;
import io.github.busgen.internal.LazyLogger;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageFramer;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.transport.BusAddress;
import io.github.busgen.transport.Transport;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A connection to a message bus or to a peer: serials, pending calls and their timeouts, match
 * rules and signal dispatch, and the hook for exported objects.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>The caller's thread encodes and writes its own message; there is no sender thread.</li>
 *   <li>At most one thread at a time reads the socket, and it dispatches everything it reads:
 *   replies complete their calls at once, signals and incoming calls go where the next items say.
 *   A thread waiting in a synchronous call reads the socket itself when no other thread does, so
 *   that its reply wakes it directly; callers that find the socket taken wait until the reader
 *   completes their call or hands them the socket. When no caller reads, one of the connection's
 *   reader threads does. Reader threads run no user code except method handlers served in place
 *   (next item). A caller that makes one synchronous call after another on a connection that
 *   exports nothing leaves the socket unread between calls for up to 1 ms before a reader thread
 *   takes it back (so the reader thread is not woken for each call); messages that arrive then
 *   wait that long at most.</li>
 *   <li>User code runs on the connection's executor when one is configured: signal handlers one at a
 *   time in arrival order, method handlers of exported objects concurrently, and the dependent
 *   stages of futures returned by {@link #callAsync}. Without one, the connection runs its own
 *   daemon threads for these, and a reader thread that reads a method call serves it in place
 *   (no hand-off to another thread), after leaving the socket to a second reader thread that
 *   stands by: if the handler has not finished within 1 ms, that thread reads on. Either way a
 *   slow or blocking handler never stops replies or other calls for more than that, and a
 *   synchronous call made from inside a handler works.</li>
 * </ul>
 *
 * <h2>Lock rule</h2>
 * {@code writeLock} is held while a serial is assigned and the message's bytes are written
 * (waiting for room when the socket is full), and for nothing else; it is never held while
 * waiting for a reply. {@code leadLock} guards who reads the socket (the leader, the followers,
 * the standby reader thread); it is held only to change or inspect those fields, never across I/O
 * or user code, and no other lock is taken under it except the pending-call table's monitor.
 * {@code matchLock} orders AddMatch/RemoveMatch for the reference counts in {@code matchCounts}
 * and is held across those bus calls, which whoever reads answers without taking it. All other
 * state is in concurrent collections or volatile fields, or belongs to the thread that reads.
 *
 * <h2>Faults</h2>
 * A protocol violation by the peer, an I/O error or the peer going away closes the connection: the
 * socket is closed, every pending call fails at once with {@link DBusErrors#DISCONNECTED}, each
 * disconnect listener hears of it once, and {@link #isOpen()} returns false, whichever thread was
 * reading. After {@link #close()} no thread, socket or selector of the connection remains.
 *
 * <h2>Security</h2>
 * A reply is accepted only from the peer the call went to: the destination's unique name (for a
 * well-known destination, its owner when the call was sent or now), or the bus itself, which
 * answers for absent names. Replies are matched on serial and sender, never serial alone. A signal
 * subscription naming a well-known sender checks every signal's sender against that name's current
 * owner, since unicast signals reach a connection whatever its match rules. A message addressed to
 * another connection (a copy that a match rule with {@code eavesdrop='true'} brings) goes only to
 * the subscriptions whose rule eavesdrops: it is never answered and never completes a call.
 */
public final class Connection implements AutoCloseable {
    private static final System.Logger LOG = new LazyLogger(Connection.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    /** The default time a call waits for its reply: 25 seconds, as libdbus. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(25);

    static final ObjectPath DBUS_PATH = ObjectPath.of("/org/freedesktop/DBus");
    static final InterfaceName DBUS_INTERFACE = InterfaceName.of("org.freedesktop.DBus");
    private static final MemberName NAME_OWNER_CHANGED = MemberName.of("NameOwnerChanged");
    private static final MemberName NAME_ACQUIRED = MemberName.of("NameAcquired");
    private static final MemberName NAME_LOST = MemberName.of("NameLost");
    private static final int MAX_CONCURRENT_HANDLERS = 128;

    private final int id = IDS.incrementAndGet();
    private final SocketChannel channel; // non-blocking
    private final Selector selector;     // the channel's OP_READ; only the leader selects on it
    private final MessageFramer framer;  // only the leader uses it
    private final boolean bus;
    private final Duration defaultTimeout;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final SerialExecutor signalExecutor;

    private final ReentrantLock writeLock = new ReentrantLock();
    private int lastSerial; // guarded by writeLock
    private volatile Selector writeSelector; // OP_WRITE, made by the first write that finds the socket full
    private ByteBuffer writeBuffer = ByteBuffer.allocateDirect(8192); // guarded by writeLock; grows to MAX_WRITE_BUFFER
    private static final int MAX_WRITE_BUFFER = 256 * 1024;

    // who reads the socket: see the comment above readerLoop
    private final ReentrantLock leadLock = new ReentrantLock();
    private Thread leader;          // guarded by leadLock: the one thread that may read the socket, or null
    private boolean readerLeads;    // guarded by leadLock: the leader is a reader thread
    private long leadEpoch;         // guarded by leadLock: counts changes of hands
    private Thread releasedBy;      // guarded by leadLock: who left the socket to nobody (null: anyone takes it)
    private long releasedAt;        // guarded by leadLock: and when
    private final ArrayDeque<PendingCall> followers = new ArrayDeque<>(); // guarded by leadLock
    private Thread standby;         // guarded by leadLock: the reader thread standing by, or null
    private boolean standbyAsleep;  // guarded by leadLock: it waits without a deadline
    private volatile boolean yieldWanted; // a caller waits for the leading reader thread to step aside
    private final Runnable readerTask = new ReaderTask();
    private final Thread readerThread; // the reader thread when callbacks run on a user's executor, else null
    private static final Consumer<SelectionKey> IGNORE_KEYS = new IgnoreKeys();

    private final PendingCalls pending = new PendingCalls();
    private final CopyOnWriteArrayList<SignalSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<Throwable>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock matchLock = new ReentrantLock();
    private final Map<String, Integer> matchCounts = new java.util.HashMap<>(); // guarded by matchLock
    private final NameOwners owners = new NameOwners();
    private final ObjectRegistry registry = new ObjectRegistry(this);
    private final MethodCallHandler methodCallHandler = registry;
    private final CopyOnWriteArrayList<NameRequest> ownedNames = new CopyOnWriteArrayList<>();
    /** The well-known names this connection owns, from the bus's NameAcquired/NameLost; the leader only. */
    private final java.util.Set<BusName> acquiredNames = new java.util.HashSet<>();

    private final AtomicInteger droppedReplies = new AtomicInteger();
    private final AtomicInteger droppedSignals = new AtomicInteger();

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable closeCause;
    private volatile BusName uniqueName;
    private volatile ScheduledThreadPoolExecutor timer; // created on the first async call with a timeout
    private final Object timerLock = new Object();

    Connection(SocketChannel channel, byte[] leftover, boolean bus, Duration defaultTimeout, Executor userExecutor)
            throws IOException {
        this.channel = channel;
        this.framer = new MessageFramer(channel, leftover);
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.bus = bus;
        this.defaultTimeout = defaultTimeout != null ? defaultTimeout : DEFAULT_TIMEOUT;
        if (userExecutor != null) {
            this.executor = userExecutor;
            this.ownExecutor = null;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_CONCURRENT_HANDLERS, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), daemonThreads("busgen-dispatch-" + id + "-"));
            this.executor = pool;
            this.ownExecutor = pool;
        }
        this.signalExecutor = new SerialExecutor(executor);
        if (ownExecutor == null) {
            this.readerThread = new Thread(readerTask, "busgen-reader-" + id);
            this.readerThread.setDaemon(true);
        } else {
            this.readerThread = null; // reader threads are tasks of the connection's own pool
        }
    }

    /**
     * Connects to the session bus ({@code DBUS_SESSION_BUS_ADDRESS}, else
     * {@code $XDG_RUNTIME_DIR/bus}), authenticates and says Hello.
     *
     * @throws IOException with a message saying what failed: no address, an address busgen cannot
     *                     open (and what to use instead), a refused connection, authentication
     */
    public static Connection openSession() throws IOException {
        return builder().sessionBus().connect();
    }

    /** Connects to the system bus ({@code DBUS_SYSTEM_BUS_ADDRESS}, else /run/dbus/system_bus_socket). */
    public static Connection openSystem() throws IOException {
        return builder().systemBus().connect();
    }

    /** Connects to the bus at {@code address} (a D-Bus address such as {@code unix:path=/run/bus}). */
    public static Connection open(String address) throws IOException {
        return builder().address(address).connect();
    }

    /** Connects to a peer (no bus, no Hello) at {@code address}, for example a {@link PeerServer}'s. */
    public static Connection openPeer(String address) throws IOException {
        return builder().address(address).peerToPeer().connect();
    }

    /** A builder for a connection with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures and opens a connection. Without an address it uses the session bus.
     */
    public static final class Builder {
        private BusAddress address;
        private boolean system;
        private boolean bus = true;
        private Executor executor;
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private ClientAuthOptions auth = ClientAuthOptions.defaults();

        private Builder() {
        }

        /** Connects to this address (entries separated by ';' are tried in order). */
        public Builder address(String address) {
            this.address = BusAddress.parse(address);
            return this;
        }

        /** Connects to this address. */
        public Builder address(BusAddress address) {
            this.address = address;
            return this;
        }

        /** Connects to the session bus (the default). */
        public Builder sessionBus() {
            this.address = null;
            this.system = false;
            return this;
        }

        /** Connects to the system bus. */
        public Builder systemBus() {
            this.address = null;
            this.system = true;
            return this;
        }

        /** The other end is a peer, not a bus: no Hello, no unique name, no match rules to add. */
        public Builder peerToPeer() {
            this.bus = false;
            return this;
        }

        /**
         * Runs callbacks (signal handlers, exported methods, async call stages) on {@code executor},
         * which the connection does not shut down. By default the connection makes its own daemon
         * threads and ends them on close.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The timeout of calls that do not set their own (25 seconds by default). */
        public Builder defaultTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.defaultTimeout = timeout;
            return this;
        }

        /** Authentication settings (mechanisms, keyring, timeout). */
        public Builder authentication(ClientAuthOptions options) {
            this.auth = options;
            return this;
        }

        /** Opens, authenticates, and on a bus says Hello. */
        public Connection connect() throws IOException {
            BusAddress a = address != null ? address : system ? BusAddress.systemBus() : BusAddress.sessionBus();
            Transport t = Transport.connect(a);
            try {
                AuthResult r = Authenticator.client(t, auth);
                Connection c = new Connection(t.channel(), r.leftover(), bus, defaultTimeout, executor);
                c.start();
                return c;
            } catch (IOException | RuntimeException e) {
                t.close();
                throw e;
            }
        }
    }

    /** Starts reading, and on a bus says Hello; called once by whoever made the connection. */
    void start() throws IOException {
        if (!startReaderThread()) {
            close();
            throw new IOException("cannot start the reader thread");
        }
        if (bus) {
            try {
                Message reply = call(busMethod("Hello").build(), defaultTimeout);
                uniqueName = BusName.unique(reply.bodyReader().readString());
            } catch (DBusException | DBusProtocolException | IllegalArgumentException e) {
                close();
                throw new IOException("the bus did not accept Hello: " + e.getMessage(), e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        return new DaemonThreads(prefix);
    }

    // Named classes rather than lambdas on the path to a first call: each lambda is a class spun at
    // run time, which costs more at start-up than loading a small class.

    /** Makes daemon threads named prefix-1, prefix-2, ... */
    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger n = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** A reader thread's task. */
    private final class ReaderTask implements Runnable {
        @Override
        public void run() {
            readerLoop();
        }
    }

    /** Selects for readiness only: the reading thread reads whatever is there afterwards. */
    private static final class IgnoreKeys implements Consumer<SelectionKey> {
        @Override
        public void accept(SelectionKey k) {
            // nothing: there is one key, and the read after the select finds out
        }
    }

    /** A builder for a method call to the bus itself. */
    static io.github.busgen.message.MessageBuilder busMethod(String member) {
        return Message.methodCall(DBUS_PATH, MemberName.of(member)).interfaceName(DBUS_INTERFACE)
                .destination(BusName.DBUS);
    }

    // ---------------------------------------------------------------- state

    /** This connection's unique name on the bus, or null on a peer-to-peer connection. */
    public BusName uniqueName() {
        return uniqueName;
    }

    /** Whether this connection goes through a message bus (as opposed to peer-to-peer). */
    public boolean isBus() {
        return bus;
    }

    /** Whether the connection is open. */
    public boolean isOpen() {
        return !closed.get();
    }

    /** Why the connection closed, or null while it is open or when {@link #close()} closed it. */
    public Throwable closeCause() {
        return closeCause;
    }

    /** The default timeout of calls without one of their own. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** The executor that runs user callbacks. */
    public Executor executor() {
        return executor;
    }

    /**
     * Registers a listener told once, on the executor, when the connection closes; the argument is
     * the cause, or null after {@link #close()}. Registering on a closed connection tells at once.
     */
    public Subscription onDisconnect(Consumer<Throwable> listener) {
        disconnectListeners.add(listener);
        if (closed.get() && disconnectListeners.remove(listener)) {
            Throwable cause = closeCause;
            runCallback(() -> listener.accept(cause));
        }
        return () -> disconnectListeners.remove(listener);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends a message without waiting for anything, assigning its serial.
     *
     * @return the serial assigned
     * @throws DBusException with {@link DBusErrors#DISCONNECTED} when the connection is closed
     */
    public int send(Message message) {
        return write(message, null);
    }

    /**
     * Assigns the next serial, registers {@code call} (when not null) under it and writes the
     * message, all under the write lock, so that serials go out in order.
     */
    private int write(Message message, PendingCall call) {
        writeLock.lock();
        try {
            if (closed.get()) {
                throw disconnected();
            }
            int serial = ++lastSerial;
            if (serial == 0) {
                serial = ++lastSerial; // serials wrap around and skip 0
            }
            message.assignSerial(serial);
            if (call != null) {
                call.serial = serial;
                pending.put(serial, call);
            }
            try {
                writeMessage(message.encodedBuffer(), message.length());
            } catch (IOException | ClosedSelectorException e) {
                if (call != null) {
                    pending.remove(serial, call);
                }
                fail(e instanceof IOException ? e : new ClosedChannelException());
                throw disconnected();
            }
            return serial;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes {@code bytes[0, length)} through the connection's direct buffer: one copy, as the JDK
     * would make into a temporary direct buffer of its own (kept per thread, as large as the largest
     * message that thread wrote), and one write for a message of up to 256 KiB. Called with the write
     * lock held.
     */
    private void writeMessage(byte[] bytes, int length) throws IOException {
        ByteBuffer b = writeBuffer;
        if (b.capacity() < length && b.capacity() < MAX_WRITE_BUFFER) {
            b = ByteBuffer.allocateDirect(Math.min(MAX_WRITE_BUFFER, Math.max(length, 2 * b.capacity())));
            writeBuffer = b;
        }
        for (int off = 0; off < length; ) {
            int n = Math.min(length - off, b.capacity());
            b.clear();
            b.put(bytes, off, n);
            b.flip();
            writeFully(b);
            off += n;
        }
    }

    /**
     * Writes all of {@code bytes} to the non-blocking socket, waiting for room when it is full.
     * Called with the write lock held. An interrupt does not stop a message half way (the stream
     * would be corrupt): it is kept for the caller.
     */
    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                awaitWritable();
            }
        }
    }

    private void awaitWritable() throws IOException {
        Selector s = writeSelector;
        if (s == null) {
            s = Selector.open();
            channel.register(s, SelectionKey.OP_WRITE);
            writeSelector = s;
            if (closed.get()) {
                s.close(); // shutdown may have looked before it was set
                throw new ClosedChannelException();
            }
        }
        boolean interrupted = Thread.interrupted(); // select would return at once, again and again
        try {
            s.select(IGNORE_KEYS, 0);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private DBusException disconnected() {
        Throwable cause = closeCause;
        return new DBusException(DBusErrors.DISCONNECTED,
                cause == null ? "the connection is closed" : "the connection is closed: " + describe(cause), cause);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /**
     * Calls a method and waits for the reply with the default timeout.
     *
     * @return the METHOD_RETURN
     * @throws DBusException for an ERROR reply, a timeout ({@link DBusErrors#NO_REPLY}) or a
     *                       closed connection ({@link DBusErrors#DISCONNECTED})
     */
    public Message call(Message message) {
        return call(message, defaultTimeout);
    }

    /** Calls a method and waits at most {@code timeout} for the reply; see {@link #call(Message)}. */
    public Message call(Message message, Duration timeout) {
        long deadline = deadline(timeout);
        BusName expected = expectedSender(message);
        PendingCall call = PendingCall.sync(expected);
        call.ownerAtSend = expected != null && !expected.isUnique() ? owners.current(expected) : null;
        write(message, call);
        awaitReply(call, deadline);
        Object outcome = call.outcome();
        if (outcome instanceof Message) {
            return (Message) outcome;
        }
        if (outcome instanceof DBusException) {
            // a fresh exception, so that the stack trace shows this caller
            DBusException d = (DBusException) outcome;
            throw new DBusException(d.errorName(), d.getMessage(), d);
        }
        pending.remove(call.serial, call);
        if (Thread.currentThread().isInterrupted()) {
            throw new DBusException(DBusErrors.FAILED, "interrupted while waiting for the reply to " + describe(message));
        }
        if (closed.get()) {
            throw disconnected();
        }
        throw noReply(message, timeout);
    }

    /** The System.nanoTime() at which {@code timeout} from now ends (about 146 years at most). */
    private static long deadline(Duration timeout) {
        long n;
        try {
            n = Math.min(timeout.toNanos(), 1L << 62);
        } catch (ArithmeticException e) {
            n = 1L << 62;
        }
        return System.nanoTime() + Math.max(n, 0);
    }

    /**
     * Calls a method asynchronously with the default timeout. The future completes with the
     * METHOD_RETURN, or exceptionally with a {@link DBusException}; its dependent stages run on the
     * connection's executor. Cancelling it forgets the call (a late reply is ignored).
     */
    public CompletableFuture<Message> callAsync(Message message) {
        return callAsync(message, defaultTimeout);
    }

    /** Calls a method asynchronously, failing with {@link DBusErrors#NO_REPLY} after {@code timeout}. */
    public CompletableFuture<Message> callAsync(Message message, Duration timeout) {
        CompletableFuture<Message> result = new CompletableFuture<>();
        CompletableFuture<Message> reply;
        try {
            reply = startCall(message, null);
        } catch (DBusException e) {
            result.completeExceptionally(e);
            return result;
        }
        java.util.concurrent.ScheduledFuture<?> timer = timer().schedule(() -> {
            if (!reply.isDone()) {
                abandon(message.serial());
                reply.completeExceptionally(noReply(message, timeout));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        // hand the outcome to the executor so that user stages never run on a reading thread
        reply.whenComplete((m, t) -> {
            timer.cancel(false);
            try {
                executor.execute(() -> {
                    if (t != null) {
                        result.completeExceptionally(t);
                    } else {
                        result.complete(m);
                    }
                });
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(t != null ? t : disconnected());
            }
        });
        result.whenComplete((m, t) -> {
            if (result.isCancelled()) {
                abandon(message.serial());
                reply.cancel(false);
            }
        });
        return result;
    }

    private DBusException noReply(Message message, Duration timeout) {
        return new DBusException(DBusErrors.NO_REPLY, "no reply to " + describe(message) + " within " + timeout);
    }

    private static String describe(Message m) {
        StringBuilder b = new StringBuilder();
        if (m.interfaceName() != null) {
            b.append(m.interfaceName()).append('.');
        }
        b.append(m.member());
        if (m.destination() != null) {
            b.append(" on ").append(m.destination());
        }
        return b.toString();
    }

    private void abandon(int serial) {
        pending.remove(serial);
    }

    /**
     * The sender a reply to {@code message} must come from (null on a peer-to-peer connection,
     * where any is accepted), after checking that it is a call that gets a reply. For a well-known
     * destination, makes sure its owner is tracked first.
     */
    private BusName expectedSender(Message message) {
        if (message.type() != MessageType.METHOD_CALL) {
            throw new IllegalArgumentException("only method calls get replies; use send() for " + message.type());
        }
        if (message.isNoReplyExpected()) {
            throw new IllegalArgumentException("the call has NO_REPLY_EXPECTED set; use send()");
        }
        if (!bus) {
            return null;
        }
        BusName destination = message.destination();
        if (destination == null) {
            throw new IllegalArgumentException("a method call on a bus needs a destination");
        }
        if (!destination.isUnique() && !destination.equals(BusName.DBUS)) {
            owners.trackBeforeCall(destination, this);
        }
        return destination;
    }

    /**
     * Registers a pending call and writes the message; the returned future is completed by the
     * thread that reads the reply (internal: no user stages may be attached to it).
     */
    CompletableFuture<Message> startCall(Message message, Consumer<Message> onReaderThread) {
        BusName expected = expectedSender(message);
        PendingCall call = PendingCall.async(expected, onReaderThread);
        call.ownerAtSend = expected != null && !expected.isUnique() ? owners.current(expected) : null;
        write(message, call);
        ensureReading();
        return call.future;
    }

    /**
     * Writes an internal call whose reply (METHOD_RETURN or ERROR from the expected sender) is
     * handed to {@code onReply} on the reading thread, in stream order, and to nothing else; a
     * connection that closes first never calls it. No timeout, no future.
     */
    void startInternalCall(Message message, Consumer<Message> onReply) {
        BusName expected = expectedSender(message);
        write(message, PendingCall.internal(expected, onReply));
        ensureReading();
    }

    private ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (timerLock) {
                t = timer;
                if (t == null) {
                    t = new ScheduledThreadPoolExecutor(1, daemonThreads("busgen-timer-" + id + "-"));
                    t.setRemoveOnCancelPolicy(true);
                    timer = t;
                    if (closed.get()) {
                        t.shutdownNow();
                    }
                }
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- signals and match rules

    /**
     * Subscribes {@code handler} to the messages matching {@code rule}. On a bus the rule is added
     * with AddMatch (once per distinct rule, reference-counted); a well-known sender in the rule is
     * tracked so that only signals from its current owner match. Handlers run on the executor, one
     * at a time, in the order messages arrived. Closing the subscription removes the rule when its
     * last user goes.
     *
     * @throws DBusException when the bus refuses the rule or the connection is closed
     */
    public Subscription subscribe(MatchRule rule, Consumer<Message> handler) {
        if (bus && rule.sender() != null && !rule.sender().isUnique() && !rule.sender().equals(BusName.DBUS)) {
            owners.awaitTracked(rule.sender(), this);
        }
        SignalSubscription s = new SignalSubscription(rule, handler);
        subscriptions.add(s);
        try {
            addMatch(rule);
        } catch (RuntimeException e) {
            subscriptions.remove(s);
            throw e;
        }
        return s;
    }

    void addMatch(MatchRule rule) {
        if (!bus) {
            return;
        }
        String text = rule.toString();
        matchLock.lock();
        try {
            Integer n = matchCounts.get(text);
            if (n == null) {
                call(busMethod("AddMatch").body(Signature.of("s"), text));
                n = 0;
            }
            matchCounts.put(text, n + 1);
        } finally {
            matchLock.unlock();
        }
    }

    private void removeMatch(MatchRule rule) {
        if (!bus) {
            return;
        }
        String text = rule.toString();
        matchLock.lock();
        try {
            Integer n = matchCounts.get(text);
            if (n == null) {
                return;
            }
            if (n > 1) {
                matchCounts.put(text, n - 1);
                return;
            }
            matchCounts.remove(text);
            if (isOpen()) {
                try {
                    call(busMethod("RemoveMatch").body(Signature.of("s"), text));
                } catch (DBusException e) {
                    LOG.log(Level.DEBUG, "RemoveMatch failed: {0}", e);
                }
            }
        } finally {
            matchLock.unlock();
        }
    }

    /** The number of active subscriptions per rule text; for tests and diagnostics. */
    Map<String, Integer> matchCounts() {
        matchLock.lock();
        try {
            return Map.copyOf(matchCounts);
        } finally {
            matchLock.unlock();
        }
    }

    /**
     * How many replies were dropped because they came from a peer the call did not go to (spoofed
     * or misrouted); for tests and diagnostics.
     */
    int droppedReplies() {
        return droppedReplies.get();
    }

    /** How many signals were dropped because the executor refused their handlers; for tests and diagnostics. */
    int droppedSignals() {
        return droppedSignals.get();
    }

    /** How many calls wait for their reply now; for tests and diagnostics. */
    int pendingCount() {
        return pending.size();
    }

    private final class SignalSubscription implements Subscription {
        final MatchRule rule;
        final Consumer<Message> handler;
        private final AtomicBoolean active = new AtomicBoolean(true);

        SignalSubscription(MatchRule rule, Consumer<Message> handler) {
            this.rule = rule;
            this.handler = handler;
        }

        @Override
        public void close() {
            if (active.compareAndSet(true, false)) {
                subscriptions.remove(this);
                removeMatch(rule);
            }
        }
    }

    // ---------------------------------------------------------------- exported objects

    /**
     * Exports {@code iface} at {@code path}: calls to it are routed to it, and Introspectable,
     * Properties and Peer are served for the object. Several interfaces may be exported at one
     * path; the same interface twice is refused. An object manager above the path announces it
     * with InterfacesAdded (and InterfacesRemoved when the subscription closes).
     *
     * @return the export; closing it unexports the interface
     */
    public Subscription export(ObjectPath path, ExportedInterface iface) {
        return registry.export(path, iface);
    }

    /** Exports a handler for every object at or below {@code root}; see {@link SubtreeHandler}. */
    public Subscription exportSubtree(ObjectPath root, SubtreeHandler handler) {
        return registry.exportSubtree(root, handler);
    }

    /**
     * Serves {@code org.freedesktop.DBus.ObjectManager} at {@code path}: GetManagedObjects lists
     * every object exported below it with its interfaces and properties, and exports and
     * unexports below it are announced with InterfacesAdded and InterfacesRemoved.
     */
    public Subscription exportObjectManager(ObjectPath path) {
        return registry.exportObjectManager(path);
    }

    /** Emits a signal to everyone whose match rules accept it. */
    public void emitSignal(ObjectPath path, InterfaceName iface, MemberName member, Signature signature, BodyWriter body) {
        registry.emitSignal(null, path, iface, member, signature, body);
    }

    /** Emits a signal to {@code destination} only (broadcast when it is null). */
    public void emitSignal(BusName destination, ObjectPath path, InterfaceName iface, MemberName member,
                           Signature signature, BodyWriter body) {
        registry.emitSignal(destination, path, iface, member, signature, body);
    }

    /** Emits a signal whose body is generic values (see {@link io.github.busgen.wire.Variant}). */
    public void emitSignal(ObjectPath path, InterfaceName iface, MemberName member, Signature signature,
                           Object... values) {
        registry.emitSignal(null, path, iface, member, signature,
                w -> w.writeValues(signature, java.util.Arrays.asList(values)));
    }

    /**
     * Emits {@code org.freedesktop.DBus.Properties.PropertiesChanged} for properties of
     * {@code iface} exported at {@code path}. Each property's EmitsChangedSignal annotation (or its
     * interface's) decides: {@code true} sends the new value (read through
     * {@link ExportedInterface#readProperty}), {@code invalidates} sends only the name, {@code const}
     * and {@code false} send nothing.
     */
    public void emitPropertiesChanged(ObjectPath path, ExportedInterface iface, java.util.Collection<String> propertyNames) {
        registry.emitPropertiesChanged(path, iface, propertyNames);
    }

    /**
     * Asks the bus for a well-known name. The returned request reports the bus's answer, tells its
     * listeners when the name is acquired or lost, and releases the name when closed; closing the
     * connection releases every name still held.
     *
     * @param flags RequestName flags: {@link io.github.busgen.fdo.BusClient#ALLOW_REPLACEMENT},
     *              {@link io.github.busgen.fdo.BusClient#REPLACE_EXISTING},
     *              {@link io.github.busgen.fdo.BusClient#DO_NOT_QUEUE}
     */
    public NameRequest requestName(BusName name, int flags) {
        if (!bus) {
            throw new IllegalStateException("a peer-to-peer connection has no bus to own names on");
        }
        NameRequest r = new NameRequest(this, name);
        ownedNames.add(r);
        try {
            r.request(flags);
        } catch (RuntimeException e) {
            ownedNames.remove(r);
            r.unsubscribe();
            throw e;
        }
        return r;
    }

    void forget(NameRequest r) {
        ownedNames.remove(r);
    }

    /** Runs user code on the executor; refusing it only when the connection is shutting down. */
    void runCallback(Runnable r) {
        try {
            executor.execute(r);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "callback dropped: the connection is closing");
        }
    }

    /** Runs a method handler on the executor; false when the executor has no room. */
    boolean tryRunHandler(Runnable r) {
        try {
            executor.execute(r);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    NameOwners owners() {
        return owners;
    }

    // ---------------------------------------------------------------- reading

    /*
     * Who reads the socket (see "Threads" in the class comment). At most one thread at a time, the
     * leader, reads and dispatches; the socket changes hands under leadLock, which orders the
     * framer's use by successive leaders. setLeader is the only place that changes hands.
     *
     * - A synchronous caller leads while it waits when nobody reads; one that finds another caller
     *   leading follows (parks until its call is done or it is handed the socket); one that finds a
     *   reader thread leading asks it to step aside (yieldWanted and a selector wake-up), follows,
     *   and is handed the socket.
     * - A reader thread leads when no caller does. With the connection's own threads, a reader
     *   thread that reads a method call leaves the socket and serves the call in place (routing,
     *   error replies, the handler), then takes the socket back if nobody took it meanwhile (no
     *   wake-up at all).
     * - A leader that leaves hands the socket to the first follower. Without one, a caller hands it
     *   to a reader thread at once when an asynchronous call waits, a message is half read or the
     *   connection exports objects (a service answers calls without delay); otherwise (a client), like
     *   a reader thread leaving to serve a call, it leaves the socket to nobody.
     * - One reader thread that does not lead stands by. When the socket was left to nobody it takes
     *   it TAKE_OVER_NANOS later unless someone took it meanwhile: so a handler that blocks delays
     *   other calls by that long at most, and a caller making one synchronous call after another
     *   does not wake the reader thread for each. It waits with a deadline while the socket changes
     *   hands and without one once it saw the same leader twice; whoever then leaves the socket to
     *   nobody wakes it. A reader thread leaving to serve a call starts a standby when there is none
     *   (so there is always one while a handler runs in place); a reader thread that finds another
     *   standing by ends.
     */

    /** A standby reader thread's patience with a socket left to nobody (see above). */
    static final long TAKE_OVER_NANOS = 1_000_000;

    /** The loop of a reader thread: leads, stands by or serves calls until the connection closes or it is not needed. */
    private void readerLoop() {
        Thread me = Thread.currentThread();
        long seenEpoch = -1; // the leadEpoch at this thread's last look as standby
        try {
            while (true) {
                long wait = 0;
                leadLock.lock();
                try {
                    if (closed.get()) {
                        if (standby == me) {
                            standby = null;
                        }
                        return;
                    }
                    if (leader == null && (releasedBy == null || releasedBy == me
                            || System.nanoTime() - releasedAt >= TAKE_OVER_NANOS)) {
                        setLeader(me, true);
                    }
                    if (leader == me) {
                        if (standby == me) {
                            standby = null;
                        }
                    } else if (standby != null && standby != me) {
                        return; // one standby is enough
                    } else {
                        standby = me;
                        if (leader == null) {
                            wait = Math.max(1, TAKE_OVER_NANOS - (System.nanoTime() - releasedAt));
                        } else if (leadEpoch == seenEpoch) {
                            wait = -1; // the same leader as last time: sleep until it leaves the socket
                            standbyAsleep = true;
                        } else {
                            seenEpoch = leadEpoch;
                            wait = TAKE_OVER_NANOS;
                        }
                    }
                } finally {
                    leadLock.unlock();
                }
                if (wait != 0) {
                    if (wait < 0) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, wait);
                    }
                    continue;
                }
                Message call = readUntilYield();
                if (call != null) {
                    serveHere(call);
                } else if (!closed.get()) {
                    Thread next = null;
                    leadLock.lock();
                    try {
                        yieldWanted = false;
                        next = nextFollower();
                        if (next != null) {
                            setLeader(next, false);
                        }
                    } finally {
                        leadLock.unlock();
                    }
                    LockSupport.unpark(next);
                }
            }
        } catch (IOException | DBusProtocolException e) {
            fail(e);
        } catch (ClosedSelectorException e) {
            fail(new ClosedChannelException()); // closed meanwhile: fail does nothing then
        } catch (Throwable t) {
            // never die silently while the connection looks alive
            LOG.log(Level.ERROR, "reader thread failed", t);
            fail(t);
        }
    }

    /**
     * Reads and dispatches as the leader until a caller asks for the socket or the connection
     * closes (null), or a method call to serve in place is read (returned, not dispatched).
     */
    private Message readUntilYield() throws IOException, DBusProtocolException {
        while (!yieldWanted && !closed.get()) {
            Message m = framer.next();
            if (m != null) {
                if (ownExecutor != null && m.type() == MessageType.METHOD_CALL && !(bus && addressedToAnother(m))) {
                    return m;
                }
                dispatch(m);
                continue;
            }
            selector.select(IGNORE_KEYS, 0); // until readable, woken or closed
            if (!fill()) {
                return null;
            }
        }
        return null;
    }

    /**
     * Serves {@code call} on this reader thread after leaving the socket (to a follower, else to
     * nobody, for a standby to take if the handler is slow). When no standby can be started (the
     * dispatch threads are all busy or shutting down) the call goes the usual way instead.
     */
    private void serveHere(Message call) {
        boolean needStandby;
        leadLock.lock();
        try {
            needStandby = standby == null;
        } finally {
            leadLock.unlock();
        }
        if (needStandby && !startReaderThread()) {
            methodCallHandler.handle(this, call);
            return;
        }
        Thread wake;
        leadLock.lock();
        try {
            Thread next = nextFollower();
            if (next != null) {
                wake = setLeader(next, false);
            } else if (framer.hasPartialMessage() || pending.asyncCount() > 0) {
                wake = handToReaderThread(); // bytes already read, or replies awaited: no 1 ms pause
            } else {
                wake = setLeader(null, false);
            }
        } finally {
            leadLock.unlock();
        }
        LockSupport.unpark(wake);
        registry.serve(call);
        if (!closed.get()) {
            // the next call served on this pool thread must not inherit an interrupt a handler left
            // set: parking and selecting would return at once, forever
            Thread.interrupted();
        }
    }

    /** Starts a reader thread: on the connection's own pool, else (once) a thread of its own. */
    private boolean startReaderThread() {
        if (ownExecutor == null) {
            readerThread.start();
            return true;
        }
        try {
            ownExecutor.execute(readerTask);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Gives the socket to {@code next} (null: to nobody, remembering who left it and when) and
     * returns the thread to unpark: {@code next}, or a standby asleep that must now watch the
     * clock. Under leadLock.
     */
    private Thread setLeader(Thread next, boolean isReaderThread) {
        leader = next;
        readerLeads = next != null && isReaderThread;
        if (!readerLeads) {
            yieldWanted = false; // nobody to ask any more: a follower asks again if it must
        }
        leadEpoch++;
        if (next != null) {
            releasedBy = null;
            return next == Thread.currentThread() ? null : next;
        }
        releasedBy = Thread.currentThread();
        releasedAt = System.nanoTime();
        if (standbyAsleep) {
            standbyAsleep = false;
            return standby;
        }
        return null;
    }

    /**
     * Gives the socket to a reader thread now: the standby, else whichever reader thread comes
     * first. Under leadLock; returns the thread to unpark.
     */
    private Thread handToReaderThread() {
        Thread s = standby;
        if (s != null) {
            standby = null;
            standbyAsleep = false;
            return setLeader(s, true);
        }
        setLeader(null, false);
        releasedBy = null; // no patience: the first reader thread to look takes it
        return null;
    }

    /**
     * Reads what the socket has now into the framer; false when the peer closed the connection
     * (which is then failed).
     */
    private boolean fill() throws IOException {
        if (framer.fill() < 0) {
            framer.checkCleanEnd(); // an EOFException when the stream ended inside a message
            fail(new EOFException("the peer closed the connection"));
            return false;
        }
        return true;
    }

    /** The first follower whose call is not done, removed from the queue; null if none. Under leadLock. */
    private Thread nextFollower() {
        for (PendingCall f; (f = followers.poll()) != null; ) {
            if (!f.isDone()) {
                return f.waiter;
            }
        }
        return null;
    }

    /**
     * Waits until {@code call} is done, the deadline passes, the thread is interrupted or the
     * connection closes, leading (reading the socket) whenever nobody else does.
     */
    private void awaitReply(PendingCall call, long deadline) {
        Thread me = Thread.currentThread();
        leadLock.lock();
        boolean nested;
        try {
            nested = leader == me;
        } finally {
            leadLock.unlock();
        }
        if (nested) {
            // a call made while this thread dispatches what it read (a direct executor runs a handler
            // in place): it already owns the socket, keeps reading, and keeps the socket afterwards
            lead(call, deadline);
            return;
        }
        try {
            while (!call.isDone()) {
                boolean lead = false;
                boolean wake = false;
                leadLock.lock();
                try {
                    if (call.isDone()) {
                        return;
                    }
                    if (leader == null || leader == me) {
                        if (leader == null) {
                            setLeader(me, false);
                        }
                        lead = true;
                        followers.remove(call);
                    } else {
                        if (!followers.contains(call)) {
                            followers.add(call);
                        }
                        if (readerLeads && !yieldWanted) {
                            yieldWanted = true;
                            wake = true;
                        }
                    }
                } finally {
                    leadLock.unlock();
                }
                if (lead) {
                    try {
                        lead(call, deadline);
                    } finally {
                        handOver();
                    }
                } else if (wake) {
                    wakeSelector();
                }
                long left = deadline - System.nanoTime();
                if (call.isDone() || left <= 0 || me.isInterrupted() || closed.get()) {
                    return;
                }
                if (!lead) {
                    LockSupport.parkNanos(this, left);
                }
            }
        } finally {
            leadLock.lock();
            boolean handed;
            try {
                followers.remove(call);
                handed = leader == me; // given the socket while leaving: pass it on
            } finally {
                leadLock.unlock();
            }
            if (handed) {
                handOver();
            }
        }
    }

    /**
     * Reads and dispatches as the leader until {@code call} is done, the deadline passes, the thread
     * is interrupted or the connection closes. Failures of the connection close it; they reach the
     * caller as its call's outcome.
     */
    private void lead(PendingCall call, long deadline) {
        try {
            while (!call.isDone() && !closed.get()) {
                Message m = framer.next();
                if (m != null) {
                    dispatch(m);
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return;
                }
                selector.select(IGNORE_KEYS, Math.max(1, (left + 999_999) / 1_000_000));
                if (!fill()) {
                    return;
                }
            }
            // dispatch what is already here: another leader may not come for a while
            for (Message m; !closed.get() && (m = framer.next()) != null; ) {
                dispatch(m);
            }
        } catch (IOException | DBusProtocolException e) {
            fail(e);
        } catch (ClosedSelectorException e) {
            fail(new ClosedChannelException()); // closed meanwhile: fail does nothing then
        } catch (RuntimeException | Error t) {
            LOG.log(Level.ERROR, "reading failed", t);
            fail(t);
        }
    }

    /** A caller leaves the socket: to a follower, else to a reader thread, at once or after TAKE_OVER_NANOS. */
    private void handOver() {
        Thread wake;
        leadLock.lock();
        try {
            if (leader != Thread.currentThread()) {
                return;
            }
            Thread next = nextFollower();
            if (next != null) {
                wake = setLeader(next, false);
            } else if (closed.get() || pending.asyncCount() > 0 || framer.hasPartialMessage()
                    || registry.exportsAnything()) {
                wake = handToReaderThread();
            } else {
                wake = setLeader(null, false);
            }
        } finally {
            leadLock.unlock();
        }
        LockSupport.unpark(wake);
    }

    /** Makes sure some thread reads: an asynchronous call's reply must not wait for a synchronous caller. */
    private void ensureReading() {
        Thread wake = null;
        leadLock.lock();
        try {
            if (leader == null) {
                wake = handToReaderThread();
            }
        } finally {
            leadLock.unlock();
        }
        LockSupport.unpark(wake);
    }

    private void wakeSelector() {
        try {
            selector.wakeup();
        } catch (ClosedSelectorException e) {
            // closed: nobody selects any more
        }
    }

    private void dispatch(Message m) {
        if (bus && addressedToAnother(m)) {
            // A copy that a match rule with eavesdrop='true' brought. It is not ours to answer (the
            // caller would take our UnknownObject for the service's reply) nor to complete a call
            // with (another connection's reply may carry one of our serials).
            deliver(m, true);
            return;
        }
        switch (m.type()) {
            case METHOD_RETURN:
            case ERROR:
                handleReply(m);
                break;
            case SIGNAL:
                handleSignal(m);
                break;
            case METHOD_CALL:
                methodCallHandler.handle(this, m);
                break;
            default:
                break; // unknown types are ignored, as the specification says
        }
    }

    private void handleReply(Message m) {
        int serial = m.replySerial();
        PendingCall call = pending.get(serial);
        if (call == null) {
            return; // timed out, cancelled, or never ours
        }
        if (!fromExpectedPeer(call, m.sender())) {
            DBusException untracked = call.ownerAtSend == null && call.expectedDestination != null
                    ? owners.trackingFailure(call.expectedDestination) : null;
            if (untracked != null && pending.remove(serial, call)) {
                // the bus would not say who owns the name, so no reply to this call can be checked:
                // failing now beats a timeout
                call.fail(new DBusException(untracked.errorName(), "cannot follow the owner of "
                        + call.expectedDestination + ", so a reply from " + m.sender() + " cannot be checked: "
                        + untracked.getMessage()));
                return;
            }
            droppedReplies.incrementAndGet();
            LOG.log(Level.WARNING, "dropped a reply to serial {0} from {1}, which the call did not go to",
                    Integer.toUnsignedString(serial), m.sender());
            return;
        }
        if (!pending.remove(serial, call)) {
            return;
        }
        if (call.onReaderThread != null) {
            call.onReaderThread.accept(m);
        }
        call.complete(m, m.type() == MessageType.ERROR);
    }

    private boolean fromExpectedPeer(PendingCall call, BusName sender) {
        BusName expected = call.expectedDestination;
        if (expected == null) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        if (sender.equals(expected) || sender.equals(BusName.DBUS)) {
            return true;
        }
        if (expected.isUnique()) {
            return false;
        }
        if (sender.equals(call.ownerAtSend) || sender.equals(owners.current(expected))) {
            return true;
        }
        // written before the bus said who owned the name: it went to the owner the bus then
        // reported (or a later one, which current() knows)
        return call.ownerAtSend == null && sender.equals(owners.answeredOwner(expected));
    }

    /**
     * Whether {@code m} is addressed to another connection: to another unique name, or to a
     * well-known name this connection does not own. Before Hello is answered nothing is.
     */
    private boolean addressedToAnother(Message m) {
        BusName to = m.destination();
        BusName self = uniqueName;
        if (to == null || self == null || to.equals(self) || to.equals(BusName.DBUS)) {
            return false;
        }
        return to.isUnique() || !acquiredNames.contains(to);
    }

    private void handleSignal(Message m) {
        if (bus && BusName.DBUS.equals(m.sender()) && DBUS_INTERFACE.equals(m.interfaceName())) {
            if (NAME_OWNER_CHANGED.equals(m.member())) {
                owners.onNameOwnerChanged(m);
            } else if ((NAME_ACQUIRED.equals(m.member()) || NAME_LOST.equals(m.member()))
                    && m.signature().value().equals("s")) {
                // in message order, so a call to a name arrives after the name's NameAcquired
                try {
                    BusName name = BusName.of(m.bodyReader().readString());
                    if (NAME_ACQUIRED.equals(m.member())) {
                        acquiredNames.add(name);
                    } else {
                        acquiredNames.remove(name);
                    }
                } catch (DBusProtocolException | IllegalArgumentException ignored) {
                    // not the signal the specification defines
                }
            }
        }
        deliver(m, false);
    }

    /**
     * Hands {@code m} to the matching subscriptions; a copy addressed to another connection only to
     * those whose rule eavesdrops, as the bus itself would.
     */
    private void deliver(Message m, boolean eavesdropped) {
        for (SignalSubscription s : subscriptions) {
            if (eavesdropped && !Boolean.TRUE.equals(s.rule.eavesdrop())) {
                continue;
            }
            if (s.rule.matches(m, owners::current)) {
                try {
                    signalExecutor.execute(() -> {
                        if (s.active.get()) {
                            s.handler.accept(m);
                        }
                    });
                } catch (RejectedExecutionException full) {
                    // the executor has no room (every handler thread busy, or a user's executor
                    // refusing): losing the signal is better than closing the connection
                    if (!closed.get()) {
                        droppedSignals.incrementAndGet();
                        LOG.log(Level.WARNING, "dropped a {0}.{1} signal: the executor refused its handler",
                                m.interfaceName(), m.member());
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- closing

    /** Closes the connection because of {@code cause}; the first cause wins. */
    void fail(Throwable cause) {
        // whichever thread found the fault (often a caller reading the socket) does not wait for
        // the connection's threads: they end by themselves, and close() waits for them
        shutdown(cause);
    }

    /**
     * Closes the connection: pending calls fail with {@link DBusErrors#DISCONNECTED}, listeners
     * are told, and the reader, timer and (if the connection made it) dispatch threads end before
     * it returns (unless called from one of them; a handler still blocked after a second is
     * interrupted).
     */
    @Override
    public void close() {
        shutdown(null);
        awaitThreads();
    }

    private void shutdown(Throwable cause) {
        if (cause == null && isOpen()) {
            for (NameRequest r : List.copyOf(ownedNames)) {
                r.close(); // release names while the bus still listens
            }
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeCause = cause;
        if (cause != null) {
            LOG.log(Level.DEBUG, "connection {0} closed: {1}", id, describe(cause));
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the socket failed", e);
        }
        // wakes a leader in select; deregistering the channel lets the JDK release its descriptor
        closeQuietly(selector);
        closeQuietly(writeSelector);
        DBusException gone = disconnected();
        for (PendingCall call : pending.removeAll()) {
            call.fail(gone);
        }
        Thread standing;
        leadLock.lock();
        try {
            standing = standby;
        } finally {
            leadLock.unlock();
        }
        LockSupport.unpark(standing); // a leading reader thread is woken by the selector's closing
        owners.failWaiters(gone);
        for (Consumer<Throwable> l : disconnectListeners) {
            if (disconnectListeners.remove(l)) {
                signalExecutor.execute(() -> l.accept(cause));
            }
        }
        synchronized (timerLock) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown(); // queued listeners run; idle threads exit now
        }
    }

    /** Waits for the connection's own threads to end, unless called from one of them. */
    private void awaitThreads() {
        if (readerThread != null && Thread.currentThread() != readerThread) {
            try {
                readerThread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownExecutor != null) {
            if (!isDispatchThread()) {
                try {
                    if (!ownExecutor.awaitTermination(1, TimeUnit.SECONDS)) {
                        ownExecutor.shutdownNow(); // interrupt handlers still blocked, so no thread outlives close
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void closeQuietly(Selector s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a selector failed", e);
            }
        }
    }

    private boolean isDispatchThread() {
        return Thread.currentThread().getName().startsWith("busgen-dispatch-" + id + "-");
    }

    @Override
    public String toString() {
        return "Connection[" + id + (uniqueName != null ? ", " + uniqueName : "") + (isOpen() ? "" : ", closed") + "]";
    }
}
