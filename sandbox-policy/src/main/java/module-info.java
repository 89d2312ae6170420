/** The sandbox policy model: plain data, its JSON loader and validation, and the preset policies. No GraalVM. */
module dev.subinterp.policy {
    requires transitive com.fasterxml.jackson.databind;

    exports dev.subinterp.policy;
}
