package dev.subinterp.transform;

import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.TextFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One rewriting step of a {@link SourceTransform}: a guest program ({@link GuestTransform}), a Java
 * function over the JSON form of the tree ({@link JsonTreeTransform}), or a built-in
 * ({@link BuiltinTransform}).
 */
public sealed interface Transform permits GuestTransform, JsonTreeTransform, BuiltinTransform {
    /** The name errors use: the transform file, the built-in's name, or the name given to a Java transform. */
    String name();

    /**
     * The transform {@code spec} names: a built-in ({@code dunder-guard}, {@code loop-budget=1000},
     * {@code import-allowlist=math,json}; see {@link BuiltinTransform#parse}) or else a transform file
     * ({@code .py} or {@code .js}) that defines {@code transform(tree)}.
     *
     * @throws TransformException the file cannot be read or its language is not known
     */
    static Transform fromSpec(String spec) {
        return fromSpec(spec, Path.of(""));
    }

    /** Like {@link #fromSpec(String)}, with a relative transform file found under {@code directory}. */
    static Transform fromSpec(String spec, Path directory) {
        if (BuiltinTransform.isBuiltin(spec)) {
            return BuiltinTransform.parse(spec);
        }
        Path file = directory.resolve(spec);
        if (!Files.isRegularFile(file)) {
            throw new TransformException(spec, "is neither a built-in transform (" + String.join(", ", BuiltinTransform.NAMES)
                    + ") nor a transform file");
        }
        // Named as given, so that errors read the same wherever the file was found from.
        return new GuestTransform(spec, languageOf(file), read(file));
    }

    /** Reads a transform file; the language comes from its extension. */
    static String read(Path file) {
        try {
            return TextFiles.read(file);
        } catch (IOException e) {
            throw new TransformException(file.toString(), "cannot be read: " + TextFiles.reason(e));
        }
    }

    /** The language of {@code file} from its extension. */
    static Language languageOf(Path file) {
        return Language.fromFileName(file.getFileName().toString()).orElseThrow(() -> new TransformException(file.toString(),
                "cannot tell the language of a transform file from its extension (.py, .js)"));
    }
}
