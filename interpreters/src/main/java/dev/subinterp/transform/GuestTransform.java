package dev.subinterp.transform;

import dev.subinterp.interpreter.Language;

import java.nio.file.Path;

/**
 * A transform written in the guest language: {@code source} defines {@code transform(tree)} and
 * returns the new tree. Python receives an {@code ast.Module} (and may use {@code ast.NodeTransformer});
 * JS receives an ESTree {@code Program} (with {@code estraverse} and {@code acorn} at hand).
 *
 * @param name     the name errors use (usually the file)
 * @param language the language of the transform, which is also the language of the code it rewrites
 * @param source   the transform program
 */
public record GuestTransform(String name, Language language, String source) implements Transform {
    /** The transform defined in {@code file} ({@code .py} or {@code .js}). */
    public static GuestTransform fromFile(Path file) {
        return new GuestTransform(file.toString(), Transform.languageOf(file), Transform.read(file));
    }
}
