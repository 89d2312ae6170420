package dev.subinterp.cli;

import dev.subinterp.policy.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Reads {@code --timeout 500ms|2s|1m}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
