/**
 * Isolated Python and JavaScript interpreters for the JVM, in PEP 734's model: each interpreter is
 * its own GraalVM Context on its own thread, and only JSON values and bytes cross between them.
 *
 * <p>The exported packages are the API; {@code dev.subinterp.internal.*} (owner threads, the guest
 * bridges and protocol, limits, file systems) is not, and may change in any release.
 */
module dev.subinterp {
    requires transitive dev.subinterp.policy;
    requires transitive org.graalvm.polyglot;
    requires transitive com.fasterxml.jackson.databind;
    requires java.management;
    requires jdk.management;
    requires jdk.net;
    requires com.fasterxml.jackson.dataformat.cbor;
    requires com.fasterxml.jackson.datatype.jdk8;     // Optional in the embedder's records and beans
    requires com.fasterxml.jackson.datatype.jsr310;   // java.time values, as ISO-8601 text

    exports dev.subinterp.error;
    exports dev.subinterp.interpreter;
    exports dev.subinterp.value;
    exports dev.subinterp.channel;
    exports dev.subinterp.pool;
    exports dev.subinterp.plugin;
    exports dev.subinterp.transform;
}
