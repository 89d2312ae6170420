package dev.subinterp.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Optional;

/** Writes a policy in the format {@link PolicyLoader} reads, every key present (the effective policy). */
public final class PolicyJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyJson() {
    }

    /** The policy as a JSON object; loading it again gives an equal policy. */
    public static ObjectNode toJson(SandboxPolicy policy) {
        ObjectNode root = JSON.createObjectNode();
        strings(root.putArray("languages"), PolicyReader.LANGUAGES.stream().filter(policy.languages()::contains).toList());
        root.put("hostAccess", policy.hostAccess().jsonName());
        strings(root.putArray("hostClasses"), policy.hostClasses());
        ObjectNode files = root.putObject("files");
        files.put("access", policy.files().access().jsonName());
        strings(files.putArray("roots"), policy.files().roots());
        strings(root.putArray("environment"), policy.environment());
        root.put("threads", policy.threads());
        root.put("processes", policy.processes());
        root.put("nativeAccess", policy.nativeAccess());
        root.put("polyglotEval", policy.polyglotEval());
        root.put("isolation", policy.isolation().jsonName());
        ObjectNode output = root.putObject("output");
        output.put("stdout", policy.stdout().jsonName());
        output.put("stderr", policy.stderr().jsonName());
        Limits limits = policy.limits();
        ObjectNode l = root.putObject("limits");
        l.put("timePerCall", limits.timePerCall().map(Durations::format).orElse(null));
        if (limits.statementsPerCall().isEmpty()) {
            l.putNull("statementsPerCall");
        } else {
            ObjectNode statements = l.putObject("statementsPerCall");
            limits.statementsPerCall().forEach(statements::put);
        }
        number(l, "outputBytes", limits.outputBytes());
        number(l, "interpreters", limits.interpreters());
        number(l, "threads", limits.threads());
        number(l, "queueBytes", limits.queueBytes());
        number(l, "recursionDepth", limits.recursionDepth());
        number(l, "memory", limits.memory());
        policy.packages().ifPresentOrElse(dirs -> strings(root.putArray("packages"), dirs), () -> root.putNull("packages"));
        return root;
    }

    /** The policy as indented JSON text. */
    public static String toText(SandboxPolicy policy) {
        try {
            return JSON.writeValueAsString(toJson(policy));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a policy tree always serializes", e);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static void number(ObjectNode node, String key, Optional<? extends Number> value) {
        if (value.isPresent()) {
            node.put(key, value.get().longValue());
        } else {
            node.putNull(key);
        }
    }
}
