package dev.subinterp.packages;

import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guests import installed packages (real ones, from test-fixtures/packages/) and never change them. */
class PackagesTest {
    @TempDir
    static Path installed;
    static Path python;
    static Path js;
    private static Interpreters runtime;

    @BeforeAll
    static void install() throws IOException {
        FixturePackages.npm(installed.resolve("js-copy"), "is-number-6.0.0.tgz");
        python = FixturePackages.wheels(installed.resolve("python"), "tabulate-0.10.0-py3-none-any.whl",
                "python_dateutil-2.9.0.post0-py2.py3-none-any.whl", "six-1.17.0-py2.py3-none-any.whl");
        js = FixturePackages.npm(installed.resolve("js"), "is-odd-3.0.1.tgz", "is-number-6.0.0.tgz");
        runtime = new Interpreters(PolicyLoader.defaultPolicy());
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    private static String run(Interpreters runtime, Interpreter.Builder options, String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter interpreter = options.stdout(out).create()) {
            interpreter.exec(code);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void pythonGuestsImportPackagesAndTheirDependencies() {
        String table = run(runtime, runtime.newInterpreter(Language.PYTHON).packages(python), """
                from tabulate import tabulate
                from dateutil.relativedelta import relativedelta
                import datetime
                print(tabulate([["six", 1.17], ["dateutil", 2.9]], headers=["package", "version"]))
                print(datetime.date(2026, 1, 31) + relativedelta(months=1))
                """);
        assertEquals("""
                package      version
                ---------  ---------
                six             1.17
                dateutil        2.9
                2026-02-28""", table);
    }

    @Test
    void jsGuestsRequirePackagesAndTheirDependencies() {
        assertEquals("true false", run(runtime, runtime.newInterpreter(Language.JS).packages(js),
                "const isOdd = require('is-odd'); print(isOdd(3) + ' ' + isOdd(4));"));
        ExecutionFailed builtin = assertThrows(ExecutionFailed.class, () -> run(runtime,
                runtime.newInterpreter(Language.JS).packages(js), "require('fs')"));
        assertTrue(builtin.getMessage().contains("Cannot load module: 'fs'"), builtin.getMessage());
    }

    @Test
    void esModulesImportCommonJsPackagesAsNodeLetsThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter module = runtime.newInterpreter(Language.JS).packages(js).stdout(out).create()) {
            module.exec("""
                    // imports at the top, as Node reads them: default, namespace, named
                    import isOdd from 'is-odd';
                    import * as odd from 'is-odd';
                    import { default as alsoOdd } from 'is-odd';
                    print(isOdd(3), odd.default(4), typeof alsoOdd);
                    throw new Error('on line 6');
                    """, "program.mjs");
        } catch (ExecutionFailed e) {
            assertTrue(e.excInfo().traceback().contains("program.mjs:6"), e.excInfo().traceback());
        }
        assertEquals("true false function", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void withoutPackagesNothingIsImportable() {
        ExecutionFailed python = assertThrows(ExecutionFailed.class,
                () -> run(runtime, runtime.newInterpreter(Language.PYTHON), "import tabulate"));
        assertEquals("ModuleNotFoundError", python.excInfo().type());
        ExecutionFailed js = assertThrows(ExecutionFailed.class,
                () -> run(runtime, runtime.newInterpreter(Language.JS), "require('is-odd')"));
        assertEquals("ReferenceError", js.excInfo().type(), js.getMessage());
    }

    @Test
    void packageDirectoriesAreReadOnlyEvenUnderAReadWriteRoot() throws IOException {
        // The root holds the package directory: guests may write next to it, never into it.
        Interpreters writer = new Interpreters(PolicyLoader.parse("writer", """
                {"files": {"access": "read-write", "roots": ["%s"]}}""".formatted(installed)));
        try (writer) {
            String done = run(writer, writer.newInterpreter(Language.PYTHON).packages(python), """
                    import os, tabulate
                    with open('%1$s' + '/notes.txt', 'w') as notes:
                        notes.write('mine')
                    refused = []
                    for attempt in (lambda: open(tabulate.__file__, 'a'),
                                    lambda: open('%2$s' + '/evil.py', 'w'),
                                    lambda: os.remove(tabulate.__file__),
                                    lambda: os.rename('%2$s' + '/six.py', '%1$s' + '/six.py'),
                                    lambda: os.mkdir('%2$s' + '/more')):
                        try:
                            attempt()
                        except PermissionError:
                            refused.append(True)
                    print(len(refused))
                    """.formatted(installed.toString(), python.toRealPath().toString()));
            assertEquals("5", done);
        }
        assertEquals("mine", Files.readString(installed.resolve("notes.txt")));
        assertFalse(Files.exists(python.resolve("evil.py")));
        assertTrue(Files.exists(python.resolve("six.py")));
    }

    @Test
    void aPolicyThatNamesPackageDirectoriesAllowsOnlyThose() throws IOException {
        Path other = Files.createDirectories(installed.resolve("other"));
        // strict names none; this one, strict otherwise (no file access at all), names the Python directory
        assertThrows(PolicyException.class, () -> new Interpreters(PolicyLoader.preset("strict")).newInterpreter(Language.PYTHON).packages(python));
        Interpreters named = new Interpreters(PolicyLoader.parse("named", """
                {"extends": "strict", "isolation": "context", "limits": {"memory": null}, "packages": ["%s"]}""".formatted(python)));
        try (named) {
            assertEquals("1", run(named, named.newInterpreter(Language.PYTHON).packages(python),
                    "import six\nprint(six.PY3 + 0)"));
            ExecutionFailed outside = assertThrows(ExecutionFailed.class, () -> run(named,
                    named.newInterpreter(Language.PYTHON).packages(python), "open('%s/six.py'.replace('six.py', '../js/node_modules/is-odd/index.js'))"
                            .formatted(python)));
            assertEquals("PermissionError", outside.excInfo().type());
            PolicyException refused = assertThrows(PolicyException.class, () -> named.newInterpreter(Language.JS).packages(other));
            assertTrue(refused.getMessage().contains("$.packages") && refused.getMessage().contains(other.toString()), refused.getMessage());
        }
    }

    @Test
    void theRuntimesPackagesReachPooledAndGuestCreatedInterpreters() throws Exception {
        try (Interpreters withPackages = new Interpreters(PolicyLoader.defaultPolicy()).packages(python)) {
            InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.PYTHON).size(2).runtime(withPackages)
                    .initializer("import six\ndef kind(x):\n    return six.text_type.__name__ + ':' + str(x)").build();
            try {
                assertEquals("str:1", pool.submit(PoolTask.call("kind", 1)).get().asText());
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertEquals("0.10.0", run(withPackages, withPackages.newInterpreter(Language.PYTHON), """
                    from concurrent import interpreters
                    sub = interpreters.create()
                    sub.exec('import tabulate; v = tabulate.__version__')
                    print(sub.call(eval, 'v'))
                    """));
        }
    }

    @Test
    void aProcessIsolatedInterpreterImportsThemInItsWorker() throws IOException {
        try (Interpreters isolated = new Interpreters(PolicyLoader.parse("isolated", "{\"isolation\": \"process\"}"))) {
            assertEquals("true", run(isolated, isolated.newInterpreter(Language.JS).packages(js), "print(require('is-odd')(7))"));
            ExecutionFailed write = assertThrows(ExecutionFailed.class, () -> run(isolated,
                    isolated.newInterpreter(Language.PYTHON).packages(python), "open('%s/evil.py', 'w')".formatted(python.toRealPath())));
            assertEquals("PermissionError", write.excInfo().type());
        }
    }

    @Test
    void aPluginImportsItsOwnPackagesAndNeverAnothersInTheSameHost() throws IOException {
        Path plugins = Files.createDirectories(installed.resolve("plugins"));
        for (String name : new String[]{"with-packages", "without"}) {
            Path plugin = Files.createDirectories(plugins.resolve(name));
            String packages = name.equals("with-packages") ? ", \"packages\": [\"is-odd@3.0.1\"]" : "";
            Files.writeString(plugin.resolve("plugin.json"), """
                    {"name": "%s", "language": "js", "entry": "main.js", "exports": ["canRequire"], "policy": "strict"%s}
                    """.formatted(name, packages));
            Files.writeString(plugin.resolve("main.js"),
                    "function canRequire(name) { try { require(name); return true; } catch (e) { return false; } }");
        }
        try (dev.subinterp.plugin.PluginHost host = dev.subinterp.plugin.PluginHost.builder().policyCeiling(PolicyLoader.preset("strict")).build()) {
            dev.subinterp.plugin.PluginException missing = assertThrows(dev.subinterp.plugin.PluginException.class,
                    () -> host.load(plugins.resolve("with-packages")));
            assertTrue(missing.getMessage().contains("is-odd@3.0.1") && missing.getMessage().contains("runner plugin install"), missing.getMessage());
            FixturePackages.npm(plugins.resolve("with-packages/.packages"), "is-odd-3.0.1.tgz", "is-number-6.0.0.tgz");
            host.load(plugins.resolve("with-packages"));
            host.load(plugins.resolve("without"));
            assertTrue(host.call("with-packages", "canRequire", "is-odd").asBoolean());
            assertFalse(host.call("without", "canRequire", "is-odd").asBoolean());
        }
    }

    @Test
    void theDefaultImportAllowListKnowsInstalledPackagesByName() {
        try (Interpreters withPackages = new Interpreters(PolicyLoader.defaultPolicy()).packages(python, js);
             dev.subinterp.transform.SourceTransform python = dev.subinterp.transform.SourceTransform.builder(withPackages, Language.PYTHON)
                     .then(dev.subinterp.transform.BuiltinTransform.importAllowList()).build();
             dev.subinterp.transform.SourceTransform javascript = dev.subinterp.transform.SourceTransform.builder(withPackages, Language.JS)
                     .then(dev.subinterp.transform.BuiltinTransform.importAllowList()).build()) {
            python.applyToSource("import tabulate, json\nfrom dateutil import parser\nimport six as s\n", "ok.py");
            dev.subinterp.transform.TransformRefused socket = assertThrows(dev.subinterp.transform.TransformRefused.class,
                    () -> python.applyToSource("import tabulate\nimport socket\n", "net.py"));
            assertTrue(socket.getMessage().contains("net.py:2:1") && socket.getMessage().contains("'socket'")
                    && !socket.getMessage().contains("tabulate"), socket.getMessage());
            javascript.applyToSource("const isOdd = require('is-odd');\n", "ok.js");
            dev.subinterp.transform.TransformRefused fs = assertThrows(dev.subinterp.transform.TransformRefused.class,
                    () -> javascript.applyToSource("require('is-odd');\nrequire('fs');\nconst r = require;\n", "fs.js"));
            assertTrue(fs.getMessage().contains("require() of 'fs' is not allowed") && fs.getMessage().contains("'require' used other")
                    && !fs.getMessage().contains("is-odd"), fs.getMessage());
        }
    }

    @Test
    void badPackageDirectoriesAreRefusedByName() {
        Path missing = installed.resolve("missing");
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> runtime.newInterpreter(Language.PYTHON).packages(missing));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
        // a JS guest requires from the directory with node_modules; Python's beside it do not count
        assertEquals("false", run(runtime, runtime.newInterpreter(Language.JS).packages(python, js), "print(require('is-odd')(2))"));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> runtime.newInterpreter(Language.JS).packages(js, installed.resolve("js-copy")).create());
        assertTrue(two.getMessage().contains("one package directory"), two.getMessage());
    }
}
