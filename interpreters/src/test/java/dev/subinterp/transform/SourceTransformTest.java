package dev.subinterp.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.SharedRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parse, rewrite, run: Python transforms as guest code, as Java over JSON, and the positions they keep. */
class SourceTransformTest {
    static final Path FIXTURES = Path.of("..", "test-fixtures", "transforms");
    private static Interpreters runtime;
    private static SourceTransform identity;

    @BeforeAll
    static void start() {
        runtime = SharedRuntime.get();
        identity = SourceTransform.builder(runtime, Language.PYTHON).build();
    }

    @AfterAll
    static void stop() {
        identity.close();
    }

    static String fixture(String name) throws IOException {
        return Files.readString(FIXTURES.resolve(name));
    }

    /** The classic scenario: parse a program, swap its operators, run the result in another interpreter. */
    @Test
    void swapsOperatorsWithAGuestTransformAndRunsTheResultElsewhere() throws IOException {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON)
                .then(GuestTransform.fromFile(FIXTURES.resolve("swap_add_sub.py"))).build();
             Interpreter target = runtime.create(Language.PYTHON)) {
            TransformedSource swapped = chain.apply(fixture("arithmetic.py"), "arithmetic.py");
            assertTrue(swapped.source().contains("total = a - b"), swapped.source());
            swapped.exec(target);
            assertEquals(3, target.getMainAttr("total").intValue());
            assertEquals(7, target.getMainAttr("difference").intValue());
        }
    }

    /** The same rewrite in Java, against the JSON form of the tree. */
    @Test
    void rewritesTheJsonFormInJava() throws IOException {
        JsonTreeTransform addToMult = new JsonTreeTransform("add-to-mult", tree -> {
            tree.findParents("op").forEach(node -> {
                if (node.get("op").get("_type").asText().equals("Add")) {
                    ((ObjectNode) node.get("op")).put("_type", "Mult");
                }
            });
            return tree;
        });
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(addToMult).build();
             Interpreter target = runtime.create(Language.PYTHON)) {
            TransformedSource rewritten = chain.apply(fixture("arithmetic.py"), "arithmetic.py");
            assertTrue(rewritten.source().contains("total = a * b"), rewritten.source());
            rewritten.exec(target);
            assertEquals(10, target.getMainAttr("total").intValue());
        }
    }

    /** The example of README.md's Transforms section: a guest transform, then a Java one, then a built-in. */
    @Test
    void theReadmeExample() throws IOException {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON)
                .then(GuestTransform.fromFile(FIXTURES.resolve("swap_add_sub.py")))
                .then(new JsonTreeTransform("add-to-mult", tree -> {
                    tree.findParents("op").forEach(node -> {
                        if (node.get("op").get("_type").asText().equals("Sub")) {
                            ((ObjectNode) node.get("op")).put("_type", "Mult");
                        }
                    });
                    return tree;
                }))
                .then(BuiltinTransform.coverage())
                .build();
             Interpreter target = runtime.newInterpreter(Language.PYTHON).stdout(new java.io.ByteArrayOutputStream()).create()) {
            Path program = FIXTURES.resolve("arithmetic.py");
            TransformedSource rewritten = chain.apply(Files.readString(program), program.toString());
            rewritten.exec(target);
            assertEquals(10, target.getMainAttr("total").intValue());
            assertEquals(1, rewritten.results(target).get("__coverage__").get("lines").get("5").asInt());
        }
    }

    @Test
    void theJsonFormNamesNodeTypesFieldsAndPositions() {
        JsonNode tree = identity.parse("x = b'\\x00' + 1.5\n", "t.py");
        JsonNode assign = tree.get("body").get(0);
        assertEquals("Module", tree.get("_type").asText());
        assertEquals("Assign", assign.get("_type").asText());
        assertEquals(1, assign.get("lineno").asInt());
        assertEquals("Store", assign.get("targets").get(0).get("ctx").get("_type").asText());
        JsonNode bytes = assign.get("value").get("left").get("value");
        assertEquals("bytes", bytes.get("$const").asText());
        assertEquals("AA==", bytes.get("base64").asText());
        assertEquals("x = b'\\x00' + 1.5", identity.unparse(tree));
    }

    @Test
    void errorsInRewrittenCodePointAtTheOriginalLines() {
        String source = "def divide(a, b):\n    return a / b\n\n\nfor i in range(3):\n    divide(1, i - 2 + 2)\n";
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON)
                .then(BuiltinTransform.loopBudget(100)).then(BuiltinTransform.coverage()).build();
             Interpreter target = runtime.create(Language.PYTHON)) {
            TransformedSource rewritten = chain.apply(source, "divide.py");
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> rewritten.exec(target));
            assertEquals("ZeroDivisionError", failed.excInfo().type());
            assertEquals(2, failed.excInfo().line());
            assertEquals("divide.py", failed.excInfo().sourceName());
            String traceback = failed.excInfo().traceback();
            assertTrue(traceback.contains("File \"divide.py\", line 6, in <module>"), traceback);
            assertTrue(traceback.contains("return a / b"), traceback);   // the user's own line text
            assertTrue(!traceback.contains("subinterp-helpers"), traceback);
            JsonNode coverage = rewritten.results(target).get("__coverage__");
            assertEquals(1, coverage.get("lines").get("2").asInt());    // results survive the failure
        }
    }

    @Test
    void aTransformThatRaisesIsNamedWithItsTraceback() {
        TransformException e = assertThrows(TransformException.class, () -> chainOf("raises.py").apply("x = 1\n", "x.py"));
        assertTrue(e.getMessage().startsWith(FIXTURES.resolve("raises.py") + ": raised"), e.getMessage());
        assertTrue(e.getMessage().contains("ValueError: this transform always fails"), e.getMessage());
    }

    @Test
    void aTransformThatReturnsNoTreeIsNamed() {
        TransformException e = assertThrows(TransformException.class, () -> chainOf("returns_number.py").apply("x = 1\n", "x.py"));
        assertEquals(FIXTURES.resolve("returns_number.py") + ": transform(tree) returned int, not an ast.Module", e.getMessage());
    }

    @Test
    void aTransformWhoseTreeDoesNotCompileIsNamed() {
        GuestTransform setConstant = new GuestTransform("set-constant.py", Language.PYTHON,
                "def transform(tree):\n    tree.body[0].value.value = {1, 2}\n    return tree\n");
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(setConstant)
                .then(BuiltinTransform.dunderGuard()).build()) {   // the built-in after it is not blamed
            TransformException e = assertThrows(TransformException.class, () -> chain.apply("x = 1\n", "x.py"));
            assertEquals("set-constant.py", e.transform());
            assertTrue(e.getMessage().startsWith("set-constant.py: the tree it returned "), e.getMessage());
        }
    }

    @Test
    void aJavaTransformThatBreaksTheTreeGetsTheJsonPath() {
        JsonTreeTransform breaks = new JsonTreeTransform("breaks", tree -> {
            ((ObjectNode) tree.get("body").get(0).get("value")).put("_type", "NoSuchNode");
            return tree;
        });
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(breaks).build()) {
            TransformException e = assertThrows(TransformException.class, () -> chain.apply("x = 1\n", "x.py"));
            assertEquals("breaks: gave a tree that is not a valid Python ast tree: $.body[0].value: \"_type\" 'NoSuchNode' is not an ast node type",
                    e.getMessage());
        }
    }

    @Test
    void aProgramThatDoesNotParseIsASyntaxErrorWithItsPosition() {
        SourceSyntaxError e = assertThrows(SourceSyntaxError.class, () -> identity.apply("x = 1\ny = (\n", "broken.py"));
        assertEquals("broken.py", e.sourceName());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("broken.py:2:"), e.getMessage());
    }

    @Test
    void aTransformInAnotherLanguageIsRefusedWhenTheChainIsBuilt() {
        TransformException e = assertThrows(TransformException.class, () -> SourceTransform.builder(runtime, Language.PYTHON)
                .then(GuestTransform.fromFile(FIXTURES.resolve("swap_add_sub.js"))));
        assertTrue(e.getMessage().endsWith("is a js transform; it cannot rewrite python code"), e.getMessage());
    }

    @Test
    void aRunawayTransformIsStoppedByTheTimeLimit() {
        GuestTransform forever = new GuestTransform("forever.py", Language.PYTHON, "def transform(tree):\n    while True:\n        pass\n");
        // The limit holds for every step, the tools interpreter's start included: that alone took over 1 s on 2 busy cores.
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(forever)
                .timeLimit(java.time.Duration.ofSeconds(10)).build()) {
            assertThrows(dev.subinterp.interpreter.TimeLimitExceeded.class, () -> chain.apply("x = 1\n", "x.py"));
        }
        try (Interpreter stillWorks = runtime.create(Language.PYTHON)) {   // the runtime is unharmed
            stillWorks.exec("y = 2");
        }
    }

    @Test
    void transformsApplyInOrder() {
        GuestTransform renameXtoY = new GuestTransform("x-to-y", Language.PYTHON, """
                class Rename(ast.NodeTransformer):
                    def visit_Name(self, node):
                        if node.id == 'x':
                            node.id = 'y'
                        return node
                def transform(tree):
                    return Rename().visit(tree)
                """);
        GuestTransform renameYtoZ = new GuestTransform("y-to-z", Language.PYTHON, """
                def transform(tree):
                    for node in ast.walk(tree):
                        if isinstance(node, ast.Name) and node.id == 'y':
                            node.id = 'z'
                    return tree
                """);
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(renameXtoY).then(renameYtoZ).build()) {
            assertEquals("z = 1", chain.apply("x = 1\n", "x.py").source());
        }
    }

    /** Finding 9 in Python: what runs is the compiled tree, but the printed program (runner transform) must be that tree too. */
    @Test
    void aTreeThatPrintsAsAnotherProgramIsRefused() {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON)
                .then(GuestTransform.fromFile(FIXTURES.resolve("smuggle_name.py"))).then(BuiltinTransform.dunderGuard()).build()) {
            TreeNotPrintable e = assertThrows(TreeNotPrintable.class, () -> chain.applyToSource("x = 1\n", "x.py"));
            assertEquals(FIXTURES.resolve("smuggle_name.py").toString(), e.transform());
            assertEquals(FIXTURES.resolve("smuggle_name.py") + ": the tree it returned does not print as itself: "
                    + "$.body[1].value: Name in the tree, Call once printed and parsed again", e.getMessage());
            assertThrows(TreeNotPrintable.class, () -> chain.apply("x = 1\n", "x.py"));
        }
    }

    /** Fields a transform leaves out print as their defaults, and a tuple constant as a tuple: neither is another program. */
    @Test
    void treesBuiltWithoutDefaultsOrWithTupleConstantsPrintAsThemselves() {
        GuestTransform bare = new GuestTransform("bare.py", Language.PYTHON,
                "def transform(tree):\n    return ast.Module(body=[ast.ImportFrom('math', [ast.alias('pi')])], type_ignores=[])\n");
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(bare).build()) {
            assertEquals("from math import pi", chain.applyToSource("x = 1\n", "x.py"));
        }
        JsonTreeTransform tupleConstant = new JsonTreeTransform("tuple-constant", tree -> {
            ObjectNode constant = (ObjectNode) tree.get("body").get(0).get("value");
            constant.putObject("value").put("$const", "tuple").putArray("items").add(1).add(2);
            return tree;
        });
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(tupleConstant).build();
             Interpreter target = runtime.create(Language.PYTHON)) {
            TransformedSource rewritten = chain.apply("x = None\n", "x.py");
            assertEquals("x = (1, 2)", rewritten.source());
            rewritten.exec(target);
            assertEquals("[1,2]", target.getMainAttr("x").toString());
        }
    }

    @Test
    void aTreeNestedDeeperThanTheLimitIsRefusedNamingTheTransform() {
        TreeTooDeep e = assertThrows(TreeTooDeep.class, () -> chainOf("deep_tree.py").apply("x = 1\n", "x.py"));
        assertEquals(FIXTURES.resolve("deep_tree.py").toString(), e.transform());
        assertEquals(FIXTURES.resolve("deep_tree.py") + ": the tree it returned is nested deeper than 500 levels "
                + "(nodes and lists, as in its JSON form), the limit for transforms", e.getMessage());
        GuestTransform cyclic = new GuestTransform("cyclic.py", Language.PYTHON,
                "def transform(tree):\n    tree.body.append(tree)\n    return tree\n");
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(cyclic).build()) {
            assertTrue(assertThrows(TreeTooDeep.class, () -> chain.apply("x = 1\n", "x.py")).getMessage()
                    .startsWith("cyclic.py: the tree it returned is nested deeper than 500 levels"));
        }
    }

    @Test
    void aProgramTooDeepForTheParserIsTreeTooDeep() {
        TreeTooDeep e = assertThrows(TreeTooDeep.class, () -> identity.apply("x = " + "1 + ".repeat(100_000) + "1\n", "sum.py"));
        assertEquals(null, e.transform());
        assertTrue(e.getMessage().startsWith("sum.py: the program is nested too deeply to be parsed within the tools interpreter's stack "
                + "(RecursionError: maximum recursion depth exceeded"), e.getMessage());
        assertEquals("x = 1", identity.applyToSource("x = 1\n", "x.py"));   // the tools interpreter still works
    }

    /** Subclasses and properties of returned nodes do not survive the step: everything after it reads plain nodes. */
    @Test
    void aTransformsNodesAreCopiedAsPlainAstNodes() {
        GuestTransform subclass = new GuestTransform("subclass.py", Language.PYTHON, """
                class Shifty(ast.Name):
                    pass
                def transform(tree):
                    tree.body[0].value = Shifty('y', ast.Load())
                    return tree
                """);
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(subclass).build()) {
            assertEquals("subclass.py: the tree it returned is not a valid Python ast tree: $.body[0].value: \"_type\" 'Shifty' is not an ast node type",
                    assertThrows(TransformException.class, () -> chain.apply("x = 1\n", "x.py")).getMessage());
        }
    }

    private static SourceTransform chainOf(String fixture) {
        return SourceTransform.builder(runtime, Language.PYTHON).then(GuestTransform.fromFile(FIXTURES.resolve(fixture))).build();
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
