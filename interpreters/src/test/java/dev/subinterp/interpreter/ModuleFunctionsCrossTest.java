package dev.subinterp.interpreter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The HOWTO's "functions defined in modules other than __main__ run in that module": a function of the
 * program's own module crosses by reference, and the interpreter it reaches imports that module from
 * the program's directory, as a CPython subinterpreter's sys.path has it.
 */
class ModuleFunctionsCrossTest {
    @Test
    void aFunctionOfTheProgramsModuleRunsInThatModuleInTheOtherInterpreter(@TempDir Path program) throws IOException {
        Files.writeString(program.resolve("mymod.py"), """
                counter = 0
                def spam():
                    global counter
                    counter += 1
                    return [__name__, counter]
                """);
        try (Interpreters runtime = new Interpreters();
             Interpreter py = runtime.newInterpreter(Language.PYTHON).scriptDirectory(program)
                     .arguments(program.resolve("main.py").toString()).create()) {   // as python3 main.py: sys.path[0] is its directory
            py.exec("""
                    import interpreters
                    from mymod import spam
                    other = interpreters.create()
                    seen = [other.call(spam), other.call(spam), spam()]
                    """);
            assertEquals("[[\"mymod\",1],[\"mymod\",2],[\"mymod\",1]]", py.getMainAttr("seen").toString(),
                    "each interpreter has its own mymod, with its own globals");
        }
    }
}
