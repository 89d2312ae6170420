package dev.subinterp.cli;

import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.TextFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The program a command names: FILE, or {@code -} for standard input, in the language {@code --lang}
 * names or else FILE's extension implies (standard input: Python).
 *
 * @param name the file as given, or {@code <stdin>}
 */
record ProgramText(String source, String name, Language language) {
    static final String STDIN = "<stdin>";

    /** The language {@code --lang} names, or null when the option is not given. */
    static Language chosen(String lang) {
        if (lang == null) {
            return null;
        }
        try {
            return Language.fromName(lang);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("--lang: " + e.getMessage());
        }
    }

    /**
     * Reads {@code file} ({@code -}: {@code in}), a relative one from {@code directory} (the working
     * directory of the process that asked); {@code chosen}: the language from {@link #chosen}, or null.
     */
    static ProgramText read(String file, Language chosen, InputStream in, Path directory) {
        if (file.equals("-")) {
            try {
                return new ProgramText(TextFiles.read(in, "standard input"), STDIN, chosen != null ? chosen : Language.PYTHON);
            } catch (IOException e) {
                throw new Unreadable("cannot read the program from standard input: " + TextFiles.reason(e));
            }
        }
        Language language = chosen != null ? chosen : Language.fromFileName(file).orElseThrow(() -> new Unreadable(
                "cannot tell the language of '" + file + "' from its extension (.py, .js, .mjs); use --lang python|js"));
        try {
            return new ProgramText(TextFiles.read(directory.resolve(file)), file, language);
        } catch (IOException e) {
            throw new Unreadable("cannot read '" + file + "': " + TextFiles.reason(e));
        }
    }

    /** The program cannot be read, or its language not told; the message says which and why. */
    static final class Unreadable extends RuntimeException implements ErrorKind.Classified {
        Unreadable(String message) {
            super(message);
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.USAGE;
        }
    }
}
