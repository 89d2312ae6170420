package dev.subinterp.value;

/**
 * A host object that is shareable by reference because it is made to be used from many interpreters
 * at once: queues and channel ends (CPython shares its queues the same way). Inside a shareable value
 * it travels in a {@code POJONode}; each interpreter sees it as an object of its own language.
 */
public interface SharedHandle {
    /** The handle's id, unique among handles of its kind in one runtime. */
    long id();
}
