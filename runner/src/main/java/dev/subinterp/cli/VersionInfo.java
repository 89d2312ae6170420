package dev.subinterp.cli;

import dev.subinterp.interpreter.Interpreters;
import picocli.CommandLine;

/** {@code runner --version}: project version, GraalVM version, and whether the JIT is on. */
final class VersionInfo implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.load();
        try (Interpreters runtime = new Interpreters()) {
            return new String[]{
                    "runner " + build.version(),
                    "GraalVM " + build.graalvmVersion() + " (Truffle runtime: " + runtime.truffleRuntimeName() + ")",
                    "java " + Runtime.version(),
                    "jit: " + (runtime.isJitEnabled() ? "on" : "off"),
            };
        }
    }
}
