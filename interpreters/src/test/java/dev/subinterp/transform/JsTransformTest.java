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
import java.util.List;

import static dev.subinterp.transform.SourceTransformTest.FIXTURES;
import static dev.subinterp.transform.SourceTransformTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JavaScript: acorn parses to ESTree, transforms rewrite it (in JS or Java), escodegen prints it back. */
class JsTransformTest {
    private static Interpreters runtime;
    private static SourceTransform identity;

    @BeforeAll
    static void start() {
        runtime = SharedRuntime.get();
        identity = SourceTransform.builder(runtime, Language.JS).build();
    }

    @AfterAll
    static void stop() {
        identity.close();
    }

    private static TransformedSource rewrite(Transform transform, String source, String name) {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.JS).then(transform).build()) {
            return chain.apply(source, name);
        }
    }

    @Test
    void swapsOperatorsWithAJsTransformFileAndRunsTheResultElsewhere() throws IOException {
        TransformedSource swapped = rewrite(GuestTransform.fromFile(FIXTURES.resolve("swap_add_sub.js")), fixture("arithmetic.js"), "arithmetic.js");
        assertTrue(swapped.source().contains("const total = a - b;"), swapped.source());
        try (Interpreter target = runtime.create(Language.JS)) {
            swapped.exec(target);
            assertEquals(3, target.getMainAttr("total").intValue());   // const at top level is a global binding
        }
    }

    @Test
    void rewritesEstreeJsonInJava() {
        JsonTreeTransform numbersDoubled = new JsonTreeTransform("double-numbers", tree -> {
            tree.findParents("value").stream().filter(node -> node.path("type").asText().equals("Literal") && node.get("value").isNumber())
                    .forEach(node -> ((ObjectNode) node).put("value", node.get("value").asInt() * 2).remove("raw"));
            return tree;
        });
        assertEquals("var x = 42;\n", rewrite(numbersDoubled, "var x = 21;", "x.js").source());
    }

    @Test
    void theJsonFormIsEstreeWithPositions() {
        JsonNode tree = identity.parse("let re = /a+/g, big = 10n;\n", "t.js");
        JsonNode declarations = tree.get("body").get(0).get("declarations");
        assertEquals("Program", tree.get("type").asText());
        assertEquals(1, tree.get("body").get(0).get("loc").get("start").get("line").asInt());
        assertEquals("a+", declarations.get(0).get("init").get("regex").get("pattern").asText());
        assertEquals("10", declarations.get(1).get("init").get("bigint").asText());
        assertEquals("let re = /a+/g, big = 10n;\n", identity.unparse(tree));
    }

    @Test
    void errorsInRewrittenCodePointAtTheOriginalLines() {
        String source = "// a comment\n\nvar a = 1;\n\n\nfunction broken() {\n  return missing.property;\n}\nbroken();\n";
        TransformedSource traced = rewrite(BuiltinTransform.coverage(), source, "lines.js");
        try (Interpreter target = runtime.create(Language.JS)) {
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> traced.exec(target));
            assertEquals("ReferenceError", failed.excInfo().type());
            assertEquals("lines.js", failed.excInfo().sourceName());
            assertEquals(7, failed.excInfo().line(), failed.excInfo().traceback());
            assertTrue(failed.excInfo().traceback().contains("at broken (lines.js:7)"), failed.excInfo().traceback());
            assertTrue(failed.excInfo().traceback().contains("at lines.js:9"), failed.excInfo().traceback());
            assertEquals(1, traced.results(target).get("__coverage__").get("calls").get("broken").asInt());
        }
    }

    @Test
    void aTransformThatReturnsNoTreeOrABrokenOneIsNamed() {
        GuestTransform nothing = new GuestTransform("nothing.js", Language.JS, "function transform(tree) { }");
        assertEquals("nothing.js: transform(tree) returned nothing (undefined), not an ESTree Program",
                assertThrows(TransformException.class, () -> rewrite(nothing, "1;", "x.js")).getMessage());
        GuestTransform broken = new GuestTransform("broken.js", Language.JS,
                "function transform(tree) { tree.body[0].expression = {type: 'Nonsense'}; return tree; }");
        assertEquals("broken.js: transform(tree) returned a broken tree: $.body[0].expression: \"type\" \"Nonsense\" is not an ESTree node type",
                assertThrows(TransformException.class, () -> rewrite(broken, "1;", "x.js")).getMessage());
        GuestTransform throwing = new GuestTransform("throws.js", Language.JS, "function transform(tree) { throw new TypeError('no'); }");
        assertTrue(assertThrows(TransformException.class, () -> rewrite(throwing, "1;", "x.js")).getMessage()
                .startsWith("throws.js: raised: TypeError: no"));
    }

    @Test
    void aProgramThatDoesNotParseIsASyntaxErrorWithItsPosition() {
        SourceSyntaxError e = assertThrows(SourceSyntaxError.class, () -> identity.apply("let x = 1;\nlet = = 2;\n", "bad.js"));
        assertEquals(2, e.line());
        assertEquals("bad.js:2:7: SyntaxError: Unexpected token", e.getMessage());
    }

    @Test
    void importAllowListAndDunderGuardRefuseWithLines() {
        TransformRefused imports = assertThrows(TransformRefused.class, () -> rewrite(BuiltinTransform.importAllowList(List.of("./ok.mjs")),
                "import ok from './ok.mjs';\nimport fs from 'fs';\nconst m = await import(name);\n", "m.mjs"));
        assertEquals(List.of(new TransformRefused.Problem(2, 1, "import of 'fs' is not allowed"),
                new TransformRefused.Problem(3, 17, "import() of a computed name is not allowed")), imports.problems());
        TransformRefused escape = assertThrows(TransformRefused.class, () -> rewrite(BuiltinTransform.dunderGuard(),
                "const g = [].constructor.constructor('return this')();\nx.__proto__ = null;\n", "e.js"));
        assertEquals(List.of(new TransformRefused.Problem(1, 14, "access to the property 'constructor' is not allowed"),
                new TransformRefused.Problem(1, 26, "access to the property 'constructor' is not allowed"),
                new TransformRefused.Problem(2, 3, "access to the property '__proto__' is not allowed")), escape.problems());
    }

    @Test
    void dunderGuardRefusesTheFunctionConstructorEscape() throws IOException {
        TransformRefused escape = assertThrows(TransformRefused.class,
                () -> rewrite(BuiltinTransform.dunderGuard(), fixture("escape.js"), "escape.js"));
        assertEquals(List.of(new TransformRefused.Problem(4, 22, "access to the property 'constructor' is not allowed"),
                new TransformRefused.Problem(4, 34, "access to the property 'constructor' is not allowed"),
                new TransformRefused.Problem(5, 7, "access to the property '__proto__' is not allowed")), escape.problems());
    }

    @Test
    void theGuardsSeeThroughGlobalThisAndDestructuringButNotThroughMethodNames() {
        TransformRefused escape = assertThrows(TransformRefused.class, () -> rewrite(BuiltinTransform.dunderGuard(),
                "const {constructor: {constructor: F}} = {};\nglobalThis.eval('1');\nx[`__proto__`] = 1;\n", "e.js"));
        assertEquals(List.of(new TransformRefused.Problem(1, 8, "access to the property 'constructor' is not allowed"),
                new TransformRefused.Problem(1, 22, "access to the property 'constructor' is not allowed"),
                new TransformRefused.Problem(2, 12, "access to the property 'eval' is not allowed"),
                new TransformRefused.Problem(3, 3, "access to the property '__proto__' is not allowed")), escape.problems());
        TransformRefused imports = assertThrows(TransformRefused.class, () -> rewrite(BuiltinTransform.importAllowList(),
                "class Store { load() { return 1; } }\nnew Store().load();\nglobalThis.load('x.js');\n", "s.js"));
        assertEquals(List.of(new TransformRefused.Problem(3, 12, "'load' can load or build code and is not allowed with an import allow-list")),
                imports.problems());
    }

    @Test
    void coverageCountsBodiesWithoutBlocksAndNamesMethods() {
        TransformedSource traced = rewrite(BuiltinTransform.coverage(),
                "class A { twice(v) { return v * 2; } }\nlet n = 0;\nfor (let i = 0; i < 3; i++)\n  n += new A().twice(i);\nif (n > 100)\n  n = 0;\n"
                        + "else if (n > 1)\n  n = 1;\nclass B { constructor() { this.v = 1; } toString() { return 'B'; } }\nconst text = String(new B());\n", "c.js");
        try (Interpreter target = runtime.create(Language.JS)) {
            traced.exec(target);
            JsonNode coverage = traced.results(target).get("__coverage__");
            assertEquals("{\"1\":4,\"2\":1,\"3\":1,\"4\":3,\"5\":1,\"6\":0,\"7\":1,\"8\":1,\"9\":3,\"10\":1}",
                    coverage.get("lines").toString());
            assertEquals("{\"A.twice\":3,\"B.constructor\":1,\"B.toString\":1}", coverage.get("calls").toString());
        }
    }

    @Test
    void builtInsStillRecogniseEachOthersCodeAfterAJsonStepAndRunTwice() {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.JS).then(BuiltinTransform.loopBudget(5))
                .then(new JsonTreeTransform("identity", tree -> tree)).then(BuiltinTransform.dunderGuard())
                .then(BuiltinTransform.printCapture()).build();
             Interpreter target = runtime.create(Language.JS)) {
            TransformedSource budgeted = chain.apply("for (let i = 0; i < 3; i++) console.log(i);\n", "twice.js");
            budgeted.exec(target);
            budgeted.exec(target);   // a fresh budget each run
            assertEquals("[\"0\",\"1\",\"2\"]", budgeted.results(target).get("__printed__").toString());
        }
    }

    @Test
    void anErrorRaisedInInsertedCodeReportsTheUsersLine() {
        TransformedSource captured = rewrite(BuiltinTransform.printCapture(),
                "const bad = {toString() { throw new Error('no text'); }};\n\nconsole.log(bad);\n", "bad.js");
        try (Interpreter target = runtime.create(Language.JS)) {
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> captured.exec(target));
            assertEquals(1, failed.excInfo().line(), failed.excInfo().traceback());   // toString's own line, in user code
            assertTrue(failed.excInfo().traceback().contains("bad.js:3"), failed.excInfo().traceback());
        }
    }

    @Test
    void resultsOfAnEsModuleReachTheHost() {
        TransformedSource captured = rewrite(BuiltinTransform.printCapture(), "export const x = 1;\nconsole.log('from a module', x);\n", "m.mjs");
        try (Interpreter target = runtime.newInterpreter(Language.JS).stdout(new java.io.ByteArrayOutputStream()).create()) {
            captured.exec(target);
            assertEquals("[\"from a module 1\"]", captured.results(target).get("__printed__").toString());
        }
    }

    @Test
    void loopBudgetStopsARunawayLoop() throws IOException {
        TransformedSource budgeted = rewrite(BuiltinTransform.loopBudget(1000), fixture("spin.js"), "spin.js");
        try (Interpreter target = runtime.create(Language.JS)) {
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> budgeted.exec(target));
            assertEquals("LoopBudgetExceeded", failed.excInfo().type());
            assertEquals(3, failed.excInfo().line(), failed.excInfo().toString());
            assertEquals(1000, target.getMainAttr("count").intValue());
        }
    }

    /** Finding 9: a tree that prints as another program would let dunder-guard check one program while another runs. */
    @Test
    void aTreeThatPrintsAsAnotherProgramIsRefusedBeforeTheGuardAfterIt() throws IOException {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.JS)
                .then(GuestTransform.fromFile(FIXTURES.resolve("smuggle_identifier.js"))).then(BuiltinTransform.dunderGuard()).build()) {
            TreeNotPrintable e = assertThrows(TreeNotPrintable.class, () -> chain.apply("let x = 1;\n", "x.js"));
            assertEquals(FIXTURES.resolve("smuggle_identifier.js").toString(), e.transform());
            assertEquals(FIXTURES.resolve("smuggle_identifier.js") + ": the tree it returned does not print as itself: "
                    + "$.body[1].expression: Identifier in the tree, CallExpression once printed and parsed again", e.getMessage());
        }
    }

    @Test
    void aTreeWhosePrintedFormDoesNotParseIsRefused() {
        GuestTransform spaced = new GuestTransform("spaced.js", Language.JS,
                "function transform(tree) { tree.body[0].expression.name = 'a b'; return tree; }");
        assertEquals("spaced.js: the tree it returned does not print as itself: its printed form does not parse (Unexpected token (1:2))",
                assertThrows(TreeNotPrintable.class, () -> rewrite(spaced, "a;\n", "x.js")).getMessage());
    }

    @Test
    void javaTransformsAndJsonTreesAreVerifiedToo() {
        JsonTreeTransform smuggles = new JsonTreeTransform("smuggles", tree -> {
            ((ObjectNode) tree.get("body").get(0).get("expression")).put("name", "globalThis.constructor//");
            return tree;
        });
        TreeNotPrintable byJava = assertThrows(TreeNotPrintable.class, () -> rewrite(smuggles, "a;\n", "x.js"));
        assertEquals("smuggles: the tree it returned does not print as itself: "
                + "$.body[0].expression: Identifier in the tree, MemberExpression once printed and parsed again", byJava.getMessage());
        JsonNode tree = identity.parse("a;\n", "x.js");
        ((ObjectNode) tree.get("body").get(0).get("expression")).put("name", "b; c");
        TreeNotPrintable unparsed = assertThrows(TreeNotPrintable.class, () -> identity.unparse(tree));
        assertEquals(null, unparsed.transform());
        assertEquals("the tree does not print as itself: $.body: 1 item in the tree, 2 once printed and parsed again", unparsed.getMessage());
    }

    /** The tree is copied as plain data once a transform returns it: a getter cannot show the printer another name than the guard. */
    @Test
    void aGetterCannotShowThePrinterAnotherProgramThanTheGuard() {
        GuestTransform twoFaced = new GuestTransform("two-faced.js", Language.JS, """
                function transform(tree) {
                    const name = () => new Error().stack.includes('escodegen')
                        ? "console.log(this.constructor.constructor('return 7*6')())//" : 'harmless';
                    tree.body.push({type: 'ExpressionStatement', expression: {type: 'Identifier', get name() { return name(); }}});
                    return tree;
                }
                """);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.JS).then(twoFaced).then(BuiltinTransform.dunderGuard()).build();
             Interpreter target = runtime.newInterpreter(Language.JS).stdout(out).create()) {
            TransformedSource rewritten = chain.apply("var harmless = 1;\n", "x.js");
            assertEquals("var harmless = 1;\nharmless;\n", rewritten.source());
            assertEquals("var harmless = 1; harmless;\n", rewritten.runnableSource());
            rewritten.exec(target);
        }
        assertEquals("", out.toString());
    }

    @Test
    void aTreeNestedDeeperThanTheLimitIsRefusedNamingTheTransform() throws IOException {
        TreeTooDeep e = assertThrows(TreeTooDeep.class,
                () -> rewrite(GuestTransform.fromFile(FIXTURES.resolve("deep_tree.js")), "let x = 1;\n", "x.js"));
        assertEquals(FIXTURES.resolve("deep_tree.js").toString(), e.transform());
        assertEquals(FIXTURES.resolve("deep_tree.js") + ": the tree it returned is nested deeper than 500 levels "
                + "(nodes and lists, as in its JSON form), the limit for transforms", e.getMessage());
        GuestTransform cyclic = new GuestTransform("cyclic.js", Language.JS,
                "function transform(tree) { tree.body[0].expression.self = tree; return tree; }");
        assertTrue(assertThrows(TreeTooDeep.class, () -> rewrite(cyclic, "a;\n", "x.js")).getMessage()
                .startsWith("cyclic.js: the tree it returned is nested deeper than 500 levels"));
    }

    @Test
    void aJavaTransformsTreeTooDeepForJacksonIsNamed() {
        JsonTreeTransform deep = new JsonTreeTransform("deep-java", tree -> {
            ObjectNode expression = (ObjectNode) tree.get("body").get(0).get("expression");
            for (int i = 0; i < 100_000; i++) {
                ObjectNode sum = ((ObjectNode) tree).objectNode().put("type", "BinaryExpression").put("operator", "+");
                sum.set("left", expression);
                sum.set("right", ((ObjectNode) tree).objectNode().put("type", "Literal").put("value", 1));
                expression = sum;
            }
            ((ObjectNode) tree.get("body").get(0)).set("expression", expression);
            return tree;
        });
        assertEquals("deep-java: the tree it returned is nested deeper than 500 levels (nodes and lists, as in its JSON form), the limit for transforms",
                assertThrows(TreeTooDeep.class, () -> rewrite(deep, "a;\n", "x.js")).getMessage());
    }

    @Test
    void aProgramDeeperThanTheLimitOrTheParsersStackIsTreeTooDeep() {
        String deeperThanTheLimit = "x = " + "1 + ".repeat(500) + "1;\n";
        assertEquals("sum.js: the program is nested deeper than 500 levels (nodes and lists, as in its JSON form), the limit for transforms",
                assertThrows(TreeTooDeep.class, () -> identity.apply(deeperThanTheLimit, "sum.js")).getMessage());
        String deeperThanTheStack = "x = " + "[".repeat(100_000) + "1" + "]".repeat(100_000) + ";\n";
        TreeTooDeep e = assertThrows(TreeTooDeep.class, () -> identity.apply(deeperThanTheStack, "arrays.js"));
        assertEquals(null, e.transform());
        assertTrue(e.getMessage().startsWith("arrays.js: the program is nested too deeply to be parsed within the tools interpreter's stack "
                + "(RangeError: Maximum call stack size exceeded"), e.getMessage());
        assertEquals("x = 1;\n", identity.applyToSource("x = 1;\n", "x.js"));   // the tools interpreter still works
    }

    /** A transform's position past the program's last line is dropped: it would pad the program that runs with empty lines. */
    @Test
    void aPositionPastTheLastLineDoesNotPadTheProgramThatRuns() {
        GuestTransform farAway = new GuestTransform("far-away.js", Language.JS,
                "function transform(tree) { tree.body[1].loc.start.line = 10000000; return tree; }");
        TransformedSource rewritten = rewrite(farAway, "var a = 1;\nvar b = a + 1;\n", "x.js");
        assertEquals("var a = 1; var b=a+1;\n", rewritten.runnableSource());
        try (Interpreter target = runtime.create(Language.JS)) {
            rewritten.exec(target);
            assertEquals(2, target.getMainAttr("b").intValue());
        }
    }

    @Test
    void printCaptureCollectsConsoleLog() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        TransformedSource captured = rewrite(BuiltinTransform.printCapture(), "console.log('a', 1);\nprint('b\\nc');\n", "p.js");
        try (Interpreter target = runtime.newInterpreter(Language.JS).stdout(out).create()) {
            captured.exec(target);
            assertEquals("[\"a 1\",\"b\",\"c\"]", captured.results(target).get("__printed__").toString());
        }
        assertEquals("", out.toString());
    }
}
