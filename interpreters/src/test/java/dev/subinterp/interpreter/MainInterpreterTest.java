package dev.subinterp.interpreter;

import dev.subinterp.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code asMain()}: the interpreter a program runs in sees itself as the main interpreter, as in
 * CPython ({@code runner exec} makes its program's interpreter so); without it the Java host is main.
 */
class MainInterpreterTest {
    private static final String LOOK_AROUND = """
            import interpreters
            main = interpreters.get_main()
            seen = [interpreters.get_current() == main, main.id, main.whence, main.language]
            child = interpreters.create()
            seen += [child.id, [i.id for i in interpreters.list_all()]]
            views = interpreters.create_queue()
            child.prepare_main(views=views)
            child.exec('import interpreters as I; m = I.get_main(); views.put([m.id, m.whence, m.is_running(), I.get_current().id])')
            seen.append(views.get())
            try:
                main.close()
            except interpreters.InterpreterError as e:
                seen.append(str(e))
            """;

    @Test
    void theProgramsInterpreterIsMainAndNumbersItsChildrenFromOne() {
        try (Interpreters runtime = new Interpreters();
             Interpreter program = runtime.newInterpreter(Language.PYTHON).asMain().create()) {
            assertEquals(0, program.id());
            assertEquals("runtime init", program.whence());
            program.exec(LOOK_AROUND);
            assertEquals("[true,0,\"runtime init\",\"python\",1,[0,1],[0,\"runtime init\",true,1],\"the main interpreter cannot be closed\"]",
                    program.getMainAttr("seen").toString());
        }
    }

    @Test
    void withoutOneTheJavaHostIsMain() {
        try (Interpreters runtime = new Interpreters(); Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec(LOOK_AROUND);
            String seen = py.getMainAttr("seen").toString();
            assertEquals("[false,0,\"runtime init\",\"java\"", seen.substring(0, seen.indexOf(",", seen.indexOf("java"))));
        }
    }

    @Test
    void onlyTheFirstInterpreterOfARuntimeCanBeMain() {
        try (Interpreters runtime = new Interpreters(); Interpreter first = runtime.create(Language.PYTHON)) {
            assertThrows(IllegalStateException.class, () -> runtime.newInterpreter(Language.JS).asMain().create());
        }
        try (Interpreters runtime = new Interpreters(); Interpreter main = runtime.newInterpreter(Language.JS).asMain().create()) {
            assertThrows(IllegalStateException.class, () -> runtime.newInterpreter(Language.JS).asMain().create());
            assertEquals(1, runtime.create(Language.JS).id(), "the others are numbered from 1");
        }
    }

    @Test
    void aProcessIsolatedMainIsMainForItsFamilyInTheWorker() {
        try (Interpreters runtime = new Interpreters(PolicyLoader.load(Path.of("..", "test-fixtures", "policies", "process-128m.json")));
             Interpreter program = runtime.newInterpreter(Language.PYTHON).asMain().create()) {
            program.exec(LOOK_AROUND);
            assertEquals("[true,0,\"runtime init\",\"python\",1,[0,1],[0,\"runtime init\",true,1],\"the main interpreter cannot be closed\"]",
                    program.getMainAttr("seen").toString());
        }
    }
}
