package dev.subinterp.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import static dev.subinterp.cli.RunnerCliTest.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code runner packages install}, {@code --packages} and plugin packages, offline: real PyPI wheels and
 * npm tarballs from test-fixtures/packages/ (pip runs with {@code --no-index}, npm from local tarballs).
 */
class PackagesCommandTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures").toAbsolutePath().normalize();
    private static final String PYPI = FIXTURES.resolve("packages/pypi").toString();
    private static final String NPM = FIXTURES.resolve("packages/npm").toString();

    @TempDir
    static Path dir;
    static Path python;
    static Path js;

    /** One Python and one JS package directory for the tests that use them (pip is slow on GraalPy: once). */
    @BeforeAll
    static void install() {
        python = dir.resolve("python-packages");
        RunnerCliTest.Run pip = runner("packages", "install", "--lang", "python", "--target", python.toString(),
                "--no-index", "--find-links", PYPI, "tabulate", "python-dateutil");
        assertEquals(0, pip.exitCode(), pip.stderr());
        assertTrue(pip.stdout().contains("installed in " + python + ": python-dateutil 2.9.0.post0, six 1.17.0, tabulate 0.10.0"),
                pip.stdout());
        js = dir.resolve("js-packages");
        RunnerCliTest.Run npm = runner("packages", "install", "--lang", "js", "--target", js.toString(),
                NPM + "/is-odd-3.0.1.tgz", NPM + "/is-number-6.0.0.tgz");
        assertEquals(0, npm.exitCode(), npm.stderr());
        assertTrue(npm.stdout().contains("installed in " + js + ": is-number 6.0.0, is-odd 3.0.1"), npm.stdout());
    }

    @Test
    void pipInstallsWheelsWithTheirDependenciesAndAgainChangesNothing() throws IOException {
        for (String installed : new String[]{"tabulate/__init__.py", "dateutil/relativedelta.py", "six.py",
                "tabulate-0.10.0.dist-info", "python_dateutil-2.9.0.post0.dist-info", "six-1.17.0.dist-info"}) {
            assertTrue(Files.exists(python.resolve(installed)), installed);
        }
        FileTime before = Files.getLastModifiedTime(python.resolve("six.py"));
        RunnerCliTest.Run again = runner("packages", "install", "--lang", "python", "--target", python.toString(),
                "--no-index", "--find-links", PYPI, "tabulate", "python-dateutil");
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stdout().contains("already installed in " + python + ": python-dateutil 2.9.0.post0, six 1.17.0,"
                + " tabulate 0.10.0"), again.stdout());
        assertEquals(before, Files.getLastModifiedTime(python.resolve("six.py")), "installing what is there changes nothing");
    }

    @Test
    void aPackageWithACExtensionIsRefusedByNameAndNothingIsInstalled() throws IOException {
        Path target = dir.resolve("native");
        RunnerCliTest.Run ujson = runner("packages", "install", "--lang", "python", "--target", target.toString(),
                "--no-index", PYPI + "/ujson-6.0.0-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl");
        assertEquals(1, ujson.exitCode());
        assertTrue(ujson.stderr().contains("ujson-6.0.0-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl is built for"
                + " CPython (a C extension)"), ujson.stderr());
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(0, left.count(), "nothing installed");
        }
    }

    @Test
    void aJsPackageThatNeedsANodeBuiltinIsRefusedByNameAndNothingIsInstalled() throws IOException {
        RunnerCliTest.Run fs = runner("packages", "install", "--lang", "js", "--target", js.toString(), NPM + "/graceful-fs-4.2.11.tgz");
        assertEquals(1, fs.exitCode(), fs.stdout());
        assertTrue(fs.stderr().contains("graceful-fs needs Node's built-in module 'fs', which GraalJS does not have"), fs.stderr());
        assertFalse(Files.exists(js.resolve("node_modules/graceful-fs")));
        assertFalse(Files.readString(js.resolve("package.json")).contains("graceful-fs"));
    }

    @Test
    void execImportsPackagesFromEveryPackagesDirectory() {
        RunnerCliTest.Run table = runner("exec", "--packages", python.toString(), "-c", """
                from tabulate import tabulate
                from dateutil.easter import easter
                print(tabulate([[2026, easter(2026)]], headers=["year", "easter"], tablefmt="plain"))
                """);
        assertEquals(0, table.exitCode(), table.stderr());
        assertEquals("  year  easter\n  2026  2026-04-05\n", table.stdout());
        RunnerCliTest.Run odd = runner("exec", "--lang", "js", "--packages", js.toString(), "-c",
                "const isOdd = require('is-odd'); console.log([1, 2, 3].filter(n => isOdd(n)).join(','))");
        assertEquals(0, odd.exitCode(), odd.stderr());
        assertEquals("1,3\n", odd.stdout());
    }

    @Test
    void anEsModuleImportsACommonJsPackage() throws IOException {
        Path program = Files.writeString(dir.resolve("odd.mjs"), """
                import isOdd from 'is-odd';
                import { default as alsoOdd } from 'is-odd';
                console.log(isOdd(5), alsoOdd(6));
                """);
        RunnerCliTest.Run run = runner("exec", "--packages", js.toString(), program.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("true false\n", run.stdout());
    }

    @Test
    void guestsNeverWriteIntoAPackageDirectory() {
        RunnerCliTest.Run write = runner("exec", "--policy", "trusted", "--packages", python.toString(), "-c",
                "import tabulate\nopen(tabulate.__file__, 'a').write('# changed')");
        assertEquals(1, write.exitCode());
        assertTrue(write.stderr().contains("PermissionError"), write.stderr());
    }

    @Test
    void mapAndGuestTransformsImportPackagesToo() throws IOException {
        Path init = Files.writeString(dir.resolve("init.py"), "import six\ndef kind(x):\n    return six.text_type.__name__ + str(x)\n");
        Path input = Files.writeString(dir.resolve("input.jsonl"), "1\n2\n");
        RunnerCliTest.Run map = runner("map", "--lang", "python", "--init", init.toString(), "--function", "kind",
                "--workers", "1", "--packages", python.toString(), input.toString());
        assertEquals(0, map.exitCode(), map.stderr());
        assertEquals("\"str1\"\n\"str2\"\n", map.stdout());

        // a transform file that uses a package (six) while it rewrites the tree
        Path transform = Files.writeString(dir.resolve("upper.py"), """
                import ast, six
                def transform(tree):
                    for node in ast.walk(tree):
                        if isinstance(node, ast.Constant) and isinstance(node.value, six.string_types):
                            node.value = node.value.upper()
                    return tree
                """);
        RunnerCliTest.Run fromStdin = RunnerCliTest.runnerWithStdin("print('quiet')\n", "transform", "--with", transform.toString(),
                "--packages", python.toString(), "--lang", "python", "-");
        assertEquals(0, fromStdin.exitCode(), fromStdin.stderr());
        assertEquals("print('QUIET')\n", fromStdin.stdout());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, runner("packages", "install", "--target", dir.toString(), "six").exitCode());
        assertEquals(2, runner("packages", "install", "--lang", "ruby", "--target", dir.toString(), "six").exitCode());
        assertEquals(2, runner("packages", "install", "--lang", "python", "--target", dir.toString()).exitCode());
        assertEquals(2, runner("packages", "install", "--lang", "js", "--target", dir.toString(), "--no-index", "x").exitCode());
        RunnerCliTest.Run missing = runner("exec", "--packages", dir.resolve("nowhere").toString(), "-c", "pass");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("nowhere"), missing.stderr());
        RunnerCliTest.Run strict = runner("exec", "--policy", "strict", "--packages", python.toString(), "-c", "pass");
        assertEquals(2, strict.exitCode());
        assertTrue(strict.stderr().contains("$.packages"), strict.stderr());
    }

    /** A copy of the fixture plugin {@code name} beside a link to the packages it names (relative paths). */
    private static Path pluginCopy(String name) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins-" + name + "/plugins"));
        Path copy = Files.createDirectories(plugins.resolve(name));
        try (Stream<Path> files = Files.list(FIXTURES.resolve("packages/plugins").resolve(name))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.createSymbolicLink(plugins.getParent().resolve("pypi"), FIXTURES.resolve("packages/pypi"));
        Files.createSymbolicLink(plugins.getParent().resolve("npm"), FIXTURES.resolve("packages/npm"));
        return copy;
    }

    @Test
    void pluginsGetTheirOwnPackagesOnceInstalledAndNoOthers() throws IOException {
        Path odd = pluginCopy("odd-numbers");
        RunnerCliTest.Run before = runner("plugin", "call", odd.toString(), "odd", "[[1, 2, 3]]");
        assertEquals(2, before.exitCode(), before.stdout());   // as for a bad manifest
        assertTrue(before.stderr().contains("declares packages that are not installed") && before.stderr().contains("runner plugin install"),
                before.stderr());
        RunnerCliTest.Run install = runner("plugin", "install", odd.toString());
        assertEquals(0, install.exitCode(), install.stderr());
        RunnerCliTest.Run after = runner("plugin", "call", odd.toString(), "odd", "[[1, 2, 3]]");
        assertEquals(0, after.exitCode(), after.stderr());
        assertEquals("[1,3]", after.stdout().strip());

        Path tables = pluginCopy("tables");
        RunnerCliTest.Run pip = runner("plugin", "install", tables.toString());
        assertEquals(0, pip.exitCode(), pip.stderr());
        RunnerCliTest.Run table = runner("plugin", "call", tables.toString(), "table", "[[[1, 2]], [\"a\", \"b\"]]");
        assertEquals(0, table.exitCode(), table.stderr());
        assertEquals("\"  a    b\\n---  ---\\n  1    2\"", table.stdout().strip());
        assertEquals("true", runner("plugin", "call", tables.toString(), "has_package", "[\"tabulate\"]").stdout().strip());
        assertEquals("false", runner("plugin", "call", tables.toString(), "has_package", "[\"six\"]").stdout().strip());
    }
}
