package dev.subinterp.spark;

import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyJson;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.policy.TextFiles;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Python or JavaScript function as it travels to Spark's executors: its description only (the
 * language, the initializer's source that defines it, its name, the policy as JSON, pool settings),
 * never an interpreter or a guest value. Each executor JVM turns it into one warm pool of
 * interpreters, shared by the tasks it runs (equal descriptions share a pool).
 *
 * <pre>{@code
 * GuestFunction score = GuestFunction.builder(Language.PYTHON, "score")
 *         .initializer("def score(row):\n    return len(row['text'])\n")
 *         .policy("strict").workersPerExecutor(2).taskTimeLimit(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * @param language       the guest language's name ({@code python} or {@code js})
 * @param function       the function the initializer defines, called once per value
 * @param initializer    source run once in each interpreter of an executor's pool
 * @param policyJson     the sandbox policy, as {@link PolicyJson#toText} writes it
 * @param workers        interpreters per executor (the executor's tasks share them)
 * @param timeLimitMillis time limit per call, 0 for the policy's own
 * @param packages       package directories on the executors ({@code Interpreter.Builder.packages})
 * @param chunk          values handed to an interpreter at a time
 */
public record GuestFunction(String language, String function, String initializer, String policyJson,
                            int workers, long timeLimitMillis, List<String> packages, int chunk) implements Serializable {
    public GuestFunction {
        Language.fromName(language);   // refuses an unknown language by name
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(policyJson, "policyJson");
        if (workers < 1) throw new IllegalArgumentException("workers per executor must be at least 1, not " + workers);
        if (timeLimitMillis < 0) throw new IllegalArgumentException("the time limit cannot be negative");
        if (chunk < 1) throw new IllegalArgumentException("chunk must be at least 1, not " + chunk);
        packages = List.copyOf(packages);
    }

    public static Builder builder(Language language, String function) {
        return new Builder(language, function);
    }

    /** How messages name it: {@code python function 'score'}. */
    public String describe() {
        return language + " function '" + function + "'";
    }

    public Language languageValue() {
        return Language.fromName(language);
    }

    /** The policy, read back on an executor. */
    public SandboxPolicy policy() {
        return PolicyLoader.parse("the policy of " + describe(), policyJson);
    }

    /** The time limit per call, or null for the policy's own. */
    public Duration timeLimit() {
        return timeLimitMillis == 0 ? null : Duration.ofMillis(timeLimitMillis);
    }

    /** Options for a {@link GuestFunction}; only {@link #initializer} is required. */
    public static final class Builder {
        private final Language language;
        private final String function;
        private String initializer;
        private SandboxPolicy policy = PolicyLoader.defaultPolicy();
        private int workers = 2;
        private Duration timeLimit;
        private List<String> packages = List.of();
        private int chunk = 16;

        private Builder(Language language, String function) {
            this.language = Objects.requireNonNull(language, "language");
            this.function = Objects.requireNonNull(function, "function");
        }

        /** The source that defines the function (run once in each interpreter). */
        public Builder initializer(String source) {
            this.initializer = source;
            return this;
        }

        /** The initializer from a file, read here on the driver (executors get its text). */
        public Builder initializerFile(Path file) {
            try {
                return initializer(TextFiles.read(file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(file + ": " + TextFiles.reason(e), e);
            }
        }

        public Builder policy(SandboxPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** A preset name or a policy file, read here on the driver (default: the default preset). */
        public Builder policy(String presetOrFile) {
            return policy(PolicyLoader.presetOrFile(presetOrFile));
        }

        /** Interpreters in each executor's pool (default 2). */
        public Builder workersPerExecutor(int workers) {
            this.workers = workers;
            return this;
        }

        /** A time limit for each call (default: the policy's per-call limit). */
        public Builder taskTimeLimit(Duration limit) {
            this.timeLimit = limit;
            return this;
        }

        /** Package directories, as paths on the executors (see {@code runner packages install}). */
        public Builder packages(String... directories) {
            this.packages = List.of(directories);
            return this;
        }

        /** Values handed to an interpreter at a time (default 16, as {@code runner map}). */
        public Builder chunk(int chunk) {
            this.chunk = chunk;
            return this;
        }

        public GuestFunction build() {
            if (initializer == null) {
                throw new IllegalStateException("a guest function needs an initializer: the source that defines '" + function + "'");
            }
            return new GuestFunction(language.id(), function, initializer,
                    PolicyJson.toText(policy), workers, timeLimit == null ? 0 : timeLimit.toMillis(), packages, chunk);
        }
    }
}
