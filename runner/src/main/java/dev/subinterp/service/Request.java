package dev.subinterp.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command for the service: the runner's arguments and the calling process's working directory
 * and environment, so that the command behaves as if run in that process.
 *
 * @param build the client's build (see {@link Build}): a service of another build refuses the command
 */
record Request(String build, List<String> arguments, String workingDirectory, Map<String, String> environment) {
    Request {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, build);
            string(out, workingDirectory);
            out.writeInt(arguments.size());
            for (String argument : arguments) {
                string(out, argument);
            }
            out.writeInt(environment.size());
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                string(out, variable.getKey());
                string(out, variable.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Request decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        String build = string(in);
        String workingDirectory = string(in);
        int count = in.readInt();
        String[] arguments = new String[count];
        for (int i = 0; i < count; i++) {
            arguments[i] = string(in);
        }
        int variables = in.readInt();
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < variables; i++) {
            environment.put(string(in), string(in));
        }
        return new Request(build, List.of(arguments), workingDirectory, environment);
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a malformed request");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
