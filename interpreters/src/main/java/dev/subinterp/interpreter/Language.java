package dev.subinterp.interpreter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The guest languages an interpreter can run. */
public enum Language {
    PYTHON("python", List.of(".py")),
    JS("js", List.of(".js", ".mjs"));

    private final String id;
    private final List<String> extensions;

    Language(String id, List<String> extensions) {
        this.id = id;
        this.extensions = extensions;
    }

    /** The GraalVM language id ({@code python} or {@code js}), also used in policies and on the command line. */
    public String id() {
        return id;
    }

    /**
     * The language named {@code name}: {@code python} (or {@code py}), {@code js} (or {@code javascript}).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Language fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "python", "py" -> PYTHON;
            case "js", "javascript" -> JS;
            default -> throw new IllegalArgumentException("unknown language '" + name + "'; use python or js");
        };
    }

    /** The language a file name's extension implies ({@code .py}, {@code .js}, {@code .mjs}), if any. */
    public static Optional<Language> fromFileName(String fileName) {
        for (Language language : values()) {
            for (String extension : language.extensions) {
                if (fileName.endsWith(extension)) {
                    return Optional.of(language);
                }
            }
        }
        return Optional.empty();
    }
}
