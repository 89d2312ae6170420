package dev.subinterp.service;

import dev.subinterp.interpreter.Interpreters;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One command the service runs for a client: its output frames, the runtimes it opened (closed to
 * cancel it), and how it ended. It ends once: by its own exit code, by Ctrl-C (130, as a shell
 * reports a program SIGINT stopped), or because the client went away; later output is dropped.
 */
final class ServedCommand {
    /** The status a shell gives a program that SIGINT ended (128 + 2). */
    static final int INTERRUPTED = 130;

    private final DataOutputStream client;
    private final List<Interpreters> runtimes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    final StdinPipe stdin;

    ServedCommand(DataOutputStream client) {
        this.client = client;
        this.stdin = new StdinPipe(() -> send(Frames.WANT, Frames.NONE, 0, 0));
    }

    /** Remembers a runtime the command opened, so that Ctrl-C can cancel what runs in it. */
    Interpreters track(Interpreters runtime) {
        runtimes.add(runtime);
        if (ended.get()) {
            runtime.close();
        }
        return runtime;
    }

    /** Where the command's standard output ({@link Frames#STDOUT}) or error goes. */
    OutputStream output(byte frameType) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                for (int done = 0; done < length && !ended.get(); done += Frames.CHUNK) {
                    send(frameType, bytes, offset + done, Math.min(Frames.CHUNK, length - done));
                }
            }
        };
    }

    /**
     * One frame to the client, unless the command has ended. A failed write only marks the command
     * ended (this may be a guest thread, which must not close its own runtime); the connection's
     * reader sees the end of the connection and cancels the command.
     */
    private void send(byte type, byte[] bytes, int offset, int length) {
        if (ended.get()) {
            return;
        }
        try {
            Frames.write(client, type, bytes, offset, length);
        } catch (IOException clientGone) {
            ended.set(true);
            stdin.end();
        }
    }

    /** The command returned {@code code}: the client's last frame. */
    void finished(int code) {
        if (ended.compareAndSet(false, true)) {
            try {
                Frames.write(client, Frames.EXIT, Frames.exitCode(code));
            } catch (IOException clientGone) {
                // nothing to tell
            }
        }
    }

    /** Ctrl-C at the client: cancel what runs and report 130 now, not when the cancelled calls unwind. */
    void interrupt() {
        finished(INTERRUPTED);
        cancel();
    }

    /** The client closed the connection: no one waits for the result, so stop working on it. */
    void clientGone() {
        ended.set(true);
        cancel();
    }

    /** The first runtime the command opened (exec's own; a transform chain opens none of its own). */
    java.util.Optional<Interpreters> firstRuntime() {
        return runtimes.stream().findFirst();
    }

    boolean hasEnded() {
        return ended.get();
    }

    private void cancel() {
        stdin.end();
        for (Interpreters runtime : runtimes) {
            runtime.close();
        }
    }
}
