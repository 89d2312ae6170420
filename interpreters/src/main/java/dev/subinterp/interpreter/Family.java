package dev.subinterp.interpreter;

import java.util.Collection;

/**
 * A family of interpreters: one the host created (its root) and every interpreter that guest code
 * in the family created through the {@code interpreters} module. A guest may run code in, or close,
 * only interpreters of its own family: like CPython's module, which refuses interpreters it did not
 * create, it cannot touch what the host made for others (pool workers, other tenants' interpreters).
 * The family ends with its root: what its guests created would otherwise hold places
 * ({@code limits.interpreters}) that no one can close any more.
 */
final class Family {
    private final Interpreter root;

    private Family(Interpreter root) {
        this.root = root;
    }

    /** The family of {@code interpreter}, made by the host: it is the root. */
    static Family rootedAt(Interpreter interpreter) {
        return new Family(interpreter);
    }

    /** The interpreter the host created, at the top of the family. */
    Interpreter root() {
        return root;
    }

    /** Closes the members of this family among {@code live}, each from a thread of its own (closing waits for it). */
    void closeMembers(Collection<Interpreter> live) {
        for (Interpreter member : live) {
            if (member.family() == this) {
                Thread.ofPlatform().daemon(true).name("interpreter-" + member.id() + "-family-close").start(member::close);
            }
        }
    }
}
