package dev.subinterp.cli;

import dev.subinterp.interpreter.Interpreters;
import picocli.CommandLine;

/**
 * {@code runner --version}: project version, GraalVM version, whether the JIT is on, and whether the JVM
 * started from the start-up cache of {@code scripts/build-aot}.
 */
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
                    "start-up cache: " + (startedFromCache() ? "on" : "off"),
            };
        }
    }

    /** An AOT cache was asked for and the JVM mapped it (it says "sharing" when it maps any class data archive). */
    private static boolean startedFromCache() {
        boolean asked = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-XX:AOTCache="));
        return asked && System.getProperty("java.vm.info", "").contains("sharing");
    }
}
