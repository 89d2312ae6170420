package dev.subinterp.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The multiple-interpreters tutorial in test-fixtures/interpreters/tutorial: each program runs with
 * {@code runner exec} and must print exactly its {@code .expected} file.
 */
class TutorialFixturesTest {
    private static final Path TUTORIAL = Path.of("..", "test-fixtures", "interpreters", "tutorial");

    @TestFactory
    List<DynamicTest> everyTutorialProgramPrintsWhatItsExpectedFileSays() throws IOException {
        try (Stream<Path> files = Files.list(TUTORIAL)) {
            return files.filter(p -> p.toString().endsWith(".py")).sorted().map(program -> DynamicTest.dynamicTest(
                    program.getFileName().toString(), () -> {
                        RunnerCliTest.Run run = RunnerCliTest.runner("exec", program.toString());
                        assertEquals(0, run.exitCode(), run.stderr());
                        Path expected = Path.of(program.toString().replace(".py", ".expected"));
                        assertEquals(Files.readString(expected), run.stdout(), program + " printed something else");
                    })).toList();
        }
    }
}
