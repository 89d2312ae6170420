package dev.subinterp.transform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.UnaryOperator;

/**
 * A transform written in Java against the JSON form of the tree (Python: {@code {"_type": "BinOp", ...}}
 * nodes; JS: ESTree). The function may change the tree it is given and return it, or return a new one.
 *
 * @param name     the name errors use
 * @param function the rewrite
 */
public record JsonTreeTransform(String name, UnaryOperator<JsonNode> function) implements Transform {
}
