package dev.subinterp.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.SharedRuntime;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.subinterp.transform.SourceTransformTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each built-in transform rewrites and what it refuses, with line numbers, on Python programs. */
class PythonBuiltinTransformsTest {
    private static Interpreters runtime;

    @BeforeAll
    static void start() {
        runtime = SharedRuntime.get();
    }

    private static TransformedSource rewrite(Transform transform, String source, String name) {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(transform).build()) {
            return chain.apply(source, name);
        }
    }

    private static List<TransformRefused.Problem> refusals(Transform transform, String source) {
        return assertThrows(TransformRefused.class, () -> rewrite(transform, source, "program.py")).problems();
    }

    private static TransformRefused.Problem problem(int line, int column, String message) {
        return new TransformRefused.Problem(line, column, message);
    }

    @Test
    void importAllowListRefusesEveryForbiddenImportWithItsLine() throws IOException {
        TransformRefused refused = assertThrows(TransformRefused.class,
                () -> rewrite(BuiltinTransform.importAllowList(), fixture("imports.py"), "imports.py"));
        assertEquals(List.of(
                problem(3, 1, "import of 'os' is not allowed"),
                problem(4, 1, "import from 'subprocess' is not allowed"),
                problem(6, 1, "'__import__' can import any module and is not allowed with an import allow-list")), refused.problems());
        assertTrue(refused.getMessage().startsWith("import-allowlist: refused imports.py:\n  imports.py:3:1: import of 'os' is not allowed"),
                refused.getMessage());
    }

    @Test
    void importAllowListLetsListedModulesAndTheirSubmodulesThrough() {
        Transform allow = BuiltinTransform.importAllowList(List.of("json", "xml"));
        assertEquals("import json\nimport xml.dom.minidom\nfrom xml.etree import ElementTree",
                rewrite(allow, "import json\nimport xml.dom.minidom\nfrom xml.etree import ElementTree\n", "ok.py").source());
        assertEquals(List.of(problem(1, 1, "import of 'os.path' is not allowed"),
                        problem(2, 1, "'import xml.dom' binds 'xml', which is not allowed; write 'import xml.dom as NAME'"),
                        problem(3, 1, "relative imports are not allowed"),
                        problem(4, 5, "'eval' can import any module and is not allowed with an import allow-list")),
                refusals(BuiltinTransform.importAllowList(List.of("xml.dom")), "import os.path\nimport xml.dom\nfrom . import sibling\nx = eval('1')\n"));
    }

    @Test
    void dunderGuardRefusesTheClassicEscape() throws IOException {
        TransformRefused refused = assertThrows(TransformRefused.class,
                () -> rewrite(BuiltinTransform.dunderGuard(), fixture("escape.py"), "escape.py"));
        List<String> messages = refused.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
        assertEquals(List.of(
                "2: access to the attribute '__class__' is not allowed",
                "2: access to the attribute '__base__' is not allowed",
                "2: access to the attribute '__subclasses__' is not allowed",
                "4: access to the attribute '__globals__' is not allowed"), messages);
    }

    @Test
    void dunderGuardRefusesScopeAccessAndComputedAttributeNames() {
        assertEquals(List.of(
                        problem(1, 1, "the name 'globals' is not allowed"),
                        problem(2, 5, "getattr() with an attribute name that is not a string literal is not allowed"),
                        problem(3, 5, "getattr() of the attribute '__dict__' is not allowed"),
                        problem(4, 1, "the name '__builtins__' is not allowed"),
                        problem(5, 11, "access to the attribute 'f_back' is not allowed"),
                        problem(6, 1, "a format template that names '__' attributes is not allowed")),
                refusals(BuiltinTransform.dunderGuard(), "globals()\nx = getattr(o, name)\ny = getattr(o, '__dict__')\n__builtins__\nz = frame.f_back\n'{0.__class__}'.format(1)\n"));
        String harmless = "class Point:\n    def __init__(self, x):\n        super().__init__()\n        self.x = x\nprint(Point.__name__, getattr(Point(1), 'x'))";
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            rewrite(BuiltinTransform.dunderGuard(), harmless + "\n", "ok.py").exec(target);
        }
    }

    @Test
    void dunderGuardClosesTheIndirectWays() {
        assertEquals(List.of(
                        problem(1, 5, "'getattr' may only be called directly (with a string literal name)"),
                        problem(2, 22, "'attrgetter' fetches attributes by name and is not allowed"),
                        problem(3, 5, "'attrgetter' fetches attributes by name and is not allowed"),
                        problem(5, 10, "a class pattern on the attribute '__globals__' is not allowed")),
                refusals(BuiltinTransform.dunderGuard(), """
                        g = getattr
                        from operator import attrgetter
                        x = attrgetter('a')
                        match f:
                            case object(__globals__=found):
                                pass
                        """));
    }

    @Test
    void importAllowListAlwaysAllowsFutureImportsAndRefusesTheBuiltinsModule() {
        assertEquals(List.of(problem(2, 1, "'__builtins__' can import any module and is not allowed with an import allow-list")),
                refusals(BuiltinTransform.importAllowList(List.of("math")), "from __future__ import annotations\n__builtins__.exec('import os')\n"));
    }

    @Test
    void builtInsStillRecogniseEachOthersCodeAfterAJsonStep() {
        JsonTreeTransform identity = new JsonTreeTransform("identity", tree -> tree);
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON)
                .then(BuiltinTransform.loopBudget(5)).then(identity).then(BuiltinTransform.dunderGuard())
                .then(BuiltinTransform.importAllowList()).then(BuiltinTransform.coverage()).build();
             Interpreter target = runtime.create(Language.PYTHON)) {
            TransformedSource all = chain.apply("while True:\n    pass\n", "loop.py");
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> all.exec(target));
            assertEquals("LoopBudgetExceeded", failed.excInfo().type());
            assertEquals(Map.of("1", 1, "2", 5), counts(all.results(target).get("__coverage__").get("lines")));
        }
    }

    @Test
    void loopBudgetStopsARunawayLoopAtTheLoop() throws IOException {
        TransformedSource budgeted = rewrite(BuiltinTransform.loopBudget(1000), fixture("spin.py"), "spin.py");
        assertTrue(budgeted.source().contains("__loop_budget__.count += 1"), budgeted.source());
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> budgeted.exec(target));
            assertEquals("LoopBudgetExceeded", failed.excInfo().type());
            assertEquals(3, failed.excInfo().line());
            assertEquals(1000, target.getMainAttr("count").intValue());
        }
    }

    @Test
    void loopBudgetCountsComprehensionsLambdasAndCallsAndIsNotSwallowedByExceptException() {
        String source = """
                def again(n):
                    return again(n + 1) if n < 50 else [x for x in range(10 ** 9)]
                try:
                    again(0)
                except Exception:
                    print('swallowed')
                """;
        TransformedSource budgeted = rewrite(BuiltinTransform.loopBudget(500), source, "deep.py");
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> budgeted.exec(target));
            assertEquals("LoopBudgetExceeded", failed.excInfo().type());
            assertEquals(2, failed.excInfo().line(), failed.excInfo().traceback());
        }
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            rewrite(BuiltinTransform.loopBudget(500), "square = lambda v: v * v\nresult = sum(square(i) for i in range(10))\n", "ok.py").exec(target);
            assertEquals(285, target.getMainAttr("result").intValue());
        }
    }

    @Test
    void loopBudgetRefusesAProgramThatTouchesItsCounter() {
        assertEquals(List.of(problem(1, 1, "the name '__loop_budget__' is reserved for the loop-budget transform")),
                refusals(BuiltinTransform.loopBudget(), "__loop_budget__.count = 0\n"));
    }

    @Test
    void coverageCountsLinesAndCallsAndListsLinesThatNeverRan() throws IOException {
        TransformedSource traced = rewrite(BuiltinTransform.coverage(), fixture("fizz.py"), "fizz.py");
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            traced.exec(target);
            JsonNode coverage = traced.results(target).get("__coverage__");
            assertEquals("fizz.py", coverage.get("file").asText());
            assertEquals(Map.of("2", 1, "3", 4, "4", 1, "5", 3, "8", 1, "9", 4), counts(coverage.get("lines")));
            assertEquals(4, coverage.get("calls").get("fizz").asInt());
        }
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            TransformedSource notAll = rewrite(BuiltinTransform.coverage(), "if False:\n    x = 1\ny = 2\n", "branch.py");
            notAll.exec(target);
            assertEquals(Map.of("1", 1, "2", 0, "3", 1), counts(notAll.results(target).get("__coverage__").get("lines")));
        }
    }

    @Test
    void coverageKeepsDocstringsAndFutureImports() {
        String source = "\"\"\"Module doc.\"\"\"\nfrom __future__ import annotations\ndef f():\n    \"\"\"Function doc.\"\"\"\n    return 1\ndoc = f.__doc__\n";
        TransformedSource traced = rewrite(BuiltinTransform.coverage(), source, "docs.py");
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            traced.exec(target);
            assertEquals("Function doc.", target.getMainAttr("doc").asText());
            assertEquals("Module doc.", target.getMainAttr("__doc__").asText());
        }
    }

    @Test
    void printCaptureCollectsPrintedLinesInsteadOfWritingThem() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        TransformedSource captured = rewrite(BuiltinTransform.printCapture(), fixture("fizz.py") + "print('a', 'b', sep='-', end='')\nprint('c')\n", "fizz.py");
        try (Interpreter target = runtime.newInterpreter(Language.PYTHON).stdout(out).create()) {
            captured.exec(target);
            assertEquals("[\"1\",\"2\",\"fizz\",\"4\",\"a-bc\"]", captured.results(target).get("__printed__").toString());
        }
        assertEquals("", out.toString());
    }

    @Test
    void aProgramThatSpoilsItsResultsLosesOnlyThem() {
        TransformedSource captured = rewrite(BuiltinTransform.printCapture(), "print('x')\nglobals()['__printed__'] = object()\n", "spoil.py");
        try (Interpreter target = runtime.create(Language.PYTHON)) {
            captured.exec(target);
            assertEquals(Map.of(), captured.results(target));
        }
    }

    @Test
    void printCaptureLeavesAProgramWithItsOwnPrintAlone() {
        String source = "def print(*args):\n    pass\nprint('x')";
        assertEquals(source, rewrite(BuiltinTransform.printCapture(), source, "own.py").source().replace(preludeOf(source), ""));
    }

    @Test
    void builtInsChainAndLeaveEachOthersCodeAlone() {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON)
                .then(BuiltinTransform.dunderGuard()).then(BuiltinTransform.loopBudget(100))
                .then(BuiltinTransform.coverage()).then(BuiltinTransform.printCapture()).build();
             Interpreter target = runtime.create(Language.PYTHON)) {
            TransformedSource all = chain.apply("for i in range(3):\n    print(i)\n", "all.py");
            all.exec(target);
            Map<String, JsonNode> results = all.results(target);
            assertEquals("[\"0\",\"1\",\"2\"]", results.get("__printed__").toString());
            assertEquals(Map.of("1", 1, "2", 3), counts(results.get("__coverage__").get("lines")));
        }
    }

    @Test
    void builtInSpecsParseFromTheCommandLineForm() {
        assertEquals(BuiltinTransform.loopBudget(5000), BuiltinTransform.parse("loop-budget=5_000"));
        assertEquals(BuiltinTransform.importAllowList(List.of("math", "json")), BuiltinTransform.parse("import-allowlist=math, json"));
        assertEquals("loop-budget: the limit must be a whole number >= 0, not 'lots'",
                assertThrows(TransformException.class, () -> BuiltinTransform.parse("loop-budget=lots")).getMessage());
        assertEquals("coverage: takes no argument (got 'x')",
                assertThrows(TransformException.class, () -> BuiltinTransform.parse("coverage=x")).getMessage());
        assertFalse(BuiltinTransform.isBuiltin("swap.py"));
    }

    private static String preludeOf(String source) {
        String rewritten = rewrite(BuiltinTransform.printCapture(), source, "own.py").source();
        return rewritten.substring(0, rewritten.indexOf("def print"));
    }

    private static Map<String, Integer> counts(JsonNode lines) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        lines.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }
}
