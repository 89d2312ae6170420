package dev.subinterp.interpreter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uncaught guest exceptions reach the host as data: type, message, traceback, where. */
class ExecutionFailedTest {
    private final Interpreters runtime = SharedRuntime.get();

    @Test
    void aPythonRuntimeErrorCarriesTypeMessageLineAndTraceback() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            ExecutionFailed e = assertThrows(ExecutionFailed.class,
                    () -> py.exec("def divide(a, b):\n    return a / b\n\ndivide(1, 0)\n", "calc.py"));
            ExcInfo info = e.excInfo();
            assertEquals("ZeroDivisionError", info.type());
            assertEquals("division by zero", info.message());
            assertEquals("ZeroDivisionError: division by zero", info.formatted());
            assertEquals("calc.py", info.sourceName());
            assertEquals(2, info.line(), "the line where it was raised, inside divide()");
            assertEquals(12, info.column(), "the column of 'a / b'");
            assertTrue(info.traceback().startsWith("Traceback (most recent call last):"), info.traceback());
            assertTrue(info.traceback().contains("File \"calc.py\", line 4, in <module>"), info.traceback());
            assertTrue(info.traceback().contains("return a / b"), "the traceback shows the source line: " + info.traceback());
            assertEquals("ZeroDivisionError: division by zero at calc.py:2", e.getMessage(), "one line, for a log; the traceback is in excInfo()");
        }
    }

    @Test
    void aPythonSyntaxErrorCarriesLineAndColumn() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            ExcInfo info = assertThrows(ExecutionFailed.class, () -> py.exec("x = 1\ny = (\n", "broken.py")).excInfo();
            assertEquals("SyntaxError", info.type());
            assertEquals(2, info.line());
            assertEquals(5, info.column());
            assertTrue(info.traceback().contains("SyntaxError: '(' was never closed"), info.traceback());
        }
    }

    @Test
    void aCallThatRaisesFailsOnlyThatCall() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("def parse(text):\n    return int(text)");
            ExcInfo info = assertThrows(ExecutionFailed.class, () -> py.call("parse", "seven")).excInfo();
            assertEquals("ValueError", info.type());
            assertTrue(info.message().contains("seven"), info.message());
            assertEquals(7, py.call("parse", "7").asInt(), "the interpreter stays usable after a guest error");
        }
    }

    @Test
    void aJavascriptErrorCarriesTypeLineColumnAndStack() {
        try (Interpreter js = runtime.create(Language.JS)) {
            ExcInfo info = assertThrows(ExecutionFailed.class,
                    () -> js.exec("function check(n) {\n  if (n < 0) throw new RangeError('negative: ' + n);\n}\ncheck(-1);\n", "check.js")).excInfo();
            assertEquals("RangeError", info.type());
            assertEquals("negative: -1", info.message());
            assertEquals("RangeError: negative: -1", info.formatted());
            assertEquals("check.js", info.sourceName());
            assertEquals(2, info.line());
            assertEquals(20, info.column(), "where the error object was created, as its stack says");
            assertTrue(info.traceback().contains("at check (check.js:2"), info.traceback());
        }
    }

    @Test
    void aJavascriptSyntaxErrorAndAThrownNonErrorAreDescribedToo() {
        try (Interpreter js = runtime.create(Language.JS)) {
            ExcInfo syntax = assertThrows(ExecutionFailed.class, () -> js.exec("let x = ;", "bad.js")).excInfo();
            assertEquals("SyntaxError", syntax.type());
            assertEquals(1, syntax.line());
            ExcInfo thrown = assertThrows(ExecutionFailed.class, () -> js.exec("throw 42;")).excInfo();
            assertEquals("number", thrown.type());
            assertEquals("42", thrown.message());
        }
    }

    @Test
    void customExceptionClassesKeepTheirNames() {
        try (Interpreter py = runtime.create(Language.PYTHON); Interpreter js = runtime.create(Language.JS)) {
            assertEquals("QuotaError", assertThrows(ExecutionFailed.class,
                    () -> py.exec("class QuotaError(Exception): pass\nraise QuotaError('over')")).excInfo().type());
            assertEquals("QuotaError", assertThrows(ExecutionFailed.class,
                    () -> js.exec("class QuotaError extends Error {}\nthrow new QuotaError('over');")).excInfo().type());
        }
    }
}
