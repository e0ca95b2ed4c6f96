package io.github.busgen.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls waiting for their replies, by serial: an open-addressing table with int keys, so that
 * registering and completing a call makes no boxed key and no map node. Serial 0 is never used, so
 * it marks a free slot.
 *
 * <p>Lock rule: {@code this} guards everything; every method is short and calls nothing outside.
 */
final class PendingCalls {
    private int[] keys = new int[16];
    private PendingCall[] values = new PendingCall[16];
    private int size;
    private int async; // how many of them are asynchronous (no thread waits for them)

    private static int hash(int serial, int mask) {
        int h = serial * 0x9E3779B9; // serials are consecutive: spread them
        return (h ^ (h >>> 16)) & mask;
    }

    synchronized void put(int serial, PendingCall call) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(serial, mask);
        while (keys[i] != 0 && keys[i] != serial) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        } else if (values[i].waiter == null) {
            async--;
        }
        keys[i] = serial;
        values[i] = call;
        if (call.waiter == null) {
            async++;
        }
    }

    synchronized PendingCall get(int serial) {
        int i = indexOf(serial);
        return i < 0 ? null : values[i];
    }

    /** Removes the call of {@code serial}, returning it, or null when there is none. */
    synchronized PendingCall remove(int serial) {
        int i = indexOf(serial);
        if (i < 0) {
            return null;
        }
        PendingCall c = values[i];
        delete(i);
        return c;
    }

    /** Removes the entry of {@code serial} only if it is {@code call}. */
    synchronized boolean remove(int serial, PendingCall call) {
        int i = indexOf(serial);
        if (i < 0 || values[i] != call) {
            return false;
        }
        delete(i);
        return true;
    }

    synchronized int size() {
        return size;
    }

    /** How many calls wait with no thread waiting for them (asynchronous and internal calls). */
    synchronized int asyncCount() {
        return async;
    }

    /** Removes and returns every call. */
    synchronized List<PendingCall> removeAll() {
        List<PendingCall> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                out.add(values[i]);
                keys[i] = 0;
                values[i] = null;
            }
        }
        size = 0;
        async = 0;
        return out;
    }

    private int indexOf(int serial) {
        if (serial == 0) {
            return -1;
        }
        int mask = keys.length - 1;
        int i = hash(serial, mask);
        while (keys[i] != 0) {
            if (keys[i] == serial) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Empties slot {@code i}, moving later entries of its probe run back so every lookup still finds them. */
    private void delete(int i) {
        if (values[i].waiter == null) {
            async--;
        }
        int mask = keys.length - 1;
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == 0) {
                break;
            }
            int home = hash(keys[j], mask);
            // the entry at j may move into the gap when its home is not cyclically within (gap, j]
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        values[gap] = null;
        size--;
    }

    private void grow() {
        int[] oldKeys = keys;
        PendingCall[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new PendingCall[oldKeys.length * 2];
        size = 0;
        async = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
