package dev.subinterp.internal.worker;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker JVM: this JVM's own Java, class path and options (so a worker runs
 * with the same Truffle runtime, the Graal JIT when this JVM has it, and the start-up cache the
 * launcher chose), except the options that must be the worker's own: its heap, what it does when the
 * heap runs out, where a crash report goes, and debugging or profiling agents.
 */
final class WorkerLaunch {
    /** Options of this JVM a worker must not inherit: the heap is its own, agents would clash on their ports. */
    private static final List<String> NOT_INHERITED = List.of("-Xmx", "-Xms", "-XX:MaxHeapSize", "-XX:InitialHeapSize",
            "-XX:MaxRAM", "-agentlib", "-agentpath", "-javaagent", "-XX:AOTCacheOutput", "-XX:+ExitOnOutOfMemoryError",
            "-XX:+CrashOnOutOfMemoryError", "-XX:OnOutOfMemoryError", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath",
            "-XX:ErrorFile", "-XX:TieredStopAtLevel", "-Dsubinterp.worker", "-Djava.class.path", "-Dsun.java.command");

    /** The placeholder replaced by the socket's path as each worker starts. */
    private static final String SOCKET = "${socket}";

    private WorkerLaunch() {
    }

    /**
     * The command for a worker with {@code heapBytes} of heap. Its heap running out ends it with status 3
     * (the JVM's {@code ExitOnOutOfMemoryError}): a worker holds one family, so that is the family's limit.
     */
    static List<String> command(long heapBytes, Path directory, java.util.Collection<dev.subinterp.interpreter.Language> warm) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        command.add("-Xmx" + (heapBytes >> 20) + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+DisplayVMOutputToStderr");   // the JVM's last words ("Terminating due to ...OutOfMemoryError") where the supervisor reads them
        command.add("-XX:ErrorFile=" + directory.resolve("worker-crash-%p.log"));   // not in the caller's working directory
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-Dsubinterp.worker=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        command.add(SOCKET);
        warm.forEach(language -> command.add(language.id()));   // the languages it initializes before it reports ready
        return List.copyOf(command);
    }

    static List<String> withSocket(List<String> command, Path socket) {
        return command.stream().map(part -> part.equals(SOCKET) ? socket.toString() : part).toList();
    }

    /** Whether this JVM is a worker: its interpreters run here, whatever their policy's isolation. */
    static boolean inWorker() {
        return Boolean.getBoolean("subinterp.worker");
    }

    /** The status a worker exits with when its heap has run out ({@code ExitOnOutOfMemoryError}). */
    static final int OUT_OF_MEMORY_STATUS = 3;
}
