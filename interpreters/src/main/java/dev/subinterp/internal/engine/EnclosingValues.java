package dev.subinterp.internal.engine;

import org.graalvm.polyglot.Value;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The guest lists and maps that enclose a value being copied out of a guest: to find a value that
 * contains itself, and to count the depth. Guest values compare and hash by identity
 * ({@link Value#equals}, {@link Value#hashCode}), but each hash is an interop call: a container is
 * hashed once, and the outermost one only when something inside it needs comparing, so that a flat
 * list or map costs nothing here.
 */
public final class EnclosingValues {
    /** A guest value with its identity hash, computed once. */
    private record Identity(Value value, int hash) {
        Identity(Value value) {
            this(value, value.hashCode());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && hash == that.hash && value.equals(that.value);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private Value outermost;
    private boolean outermostHashed;
    private final Deque<Identity> inner = new ArrayDeque<>();   // those inside the outermost, innermost first
    private final Set<Identity> hashed = new HashSet<>();   // the same, and the outermost once hashed

    /** How many lists and maps are entered. */
    public int depth() {
        return outermost == null ? 0 : inner.size() + 1;
    }

    /** Enters the list or map {@code value}; false, entering nothing, if it is already entered (a cycle). */
    public boolean enter(Value value) {
        if (outermost == null) {
            outermost = value;
            return true;
        }
        if (!outermostHashed) {
            hashed.add(new Identity(outermost));
            outermostHashed = true;
        }
        Identity identity = new Identity(value);
        if (!hashed.add(identity)) {
            return false;
        }
        inner.push(identity);
        return true;
    }

    /** Leaves the list or map entered last. */
    public void leave() {
        if (inner.isEmpty()) {
            outermost = null;
            outermostHashed = false;
            hashed.clear();
        } else {
            hashed.remove(inner.pop());
        }
    }
}
