package io.github.busgen.message;

import io.github.busgen.testing.ChunkedChannel;
import io.github.busgen.wire.DBusProtocolException;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds bytes to the decoder and the framer the ways libdbus's own loader test does (whole, one byte
 * per read, two bytes per read), and holds them to their contract: a message, a
 * {@link DBusProtocolException}, or for the framer an {@link EOFException} when the stream stops
 * inside a message. Anything else escaping is a failure that names the input.
 */
final class Feeding {
    /** Read sizes: the whole input at once, one byte per read, two bytes per read. */
    static final int[] CHUNKS = {Integer.MAX_VALUE, 1, 2};

    /** What came of feeding some bytes. */
    static final class Outcome {
        final List<Message> messages = new ArrayList<>();
        Exception error; // DBusProtocolException or EOFException, or null when the stream ended cleanly
    }

    private Feeding() {
    }

    /** Decodes {@code bytes} whole: the message, or null after a DBusProtocolException. */
    static Message decode(byte[] bytes, String name) {
        try {
            Message m = MessageDecoder.decode(bytes);
            m.body(); // a decoded message's body has been checked, so it must read
            m.toString();
            return m;
        } catch (DBusProtocolException e) {
            return null;
        } catch (Throwable t) {
            throw new AssertionError(name + ": decode let " + t + " escape", t);
        }
    }

    /** Reads messages from {@code bytes} through a framer, {@code chunk} bytes per read, until the end or an error. */
    static Outcome frame(byte[] bytes, int chunk, String name) {
        Outcome o = new Outcome();
        MessageFramer f = new MessageFramer(new ChunkedChannel(bytes, chunk));
        try {
            for (Message m; (m = f.read()) != null; ) {
                m.body();
                o.messages.add(m);
            }
        } catch (DBusProtocolException | EOFException e) {
            o.error = e;
        } catch (IOException e) {
            fail(name + ": unexpected I/O error " + e, e);
        } catch (Throwable t) {
            throw new AssertionError(name + " in reads of " + chunk + ": framer let " + t + " escape", t);
        }
        return o;
    }
}
