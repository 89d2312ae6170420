package dev.subinterp.cli;

import dev.subinterp.error.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one table from error kinds to exit codes: total, and only the codes the help texts promise. */
class ExitCodesTest {
    private static final Set<Integer> DOCUMENTED = Set.of(ExitCodes.GUEST_ERROR, ExitCodes.USAGE, ExitCodes.TIME_LIMIT, ExitCodes.OTHER_LIMIT);

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyKindHasADocumentedExitCode(ErrorKind kind) {
        assertTrue(DOCUMENTED.contains(ExitCodes.of(kind)), kind + " -> " + ExitCodes.of(kind));
        assertTrue(DOCUMENTED.contains(ExitCodes.ofTransformStep(kind)), kind + " -> " + ExitCodes.ofTransformStep(kind));
    }

    @Test
    void theCodesScriptsRelyOn() {
        assertEquals(1, ExitCodes.of(ErrorKind.GUEST_RAISED));
        assertEquals(1, ExitCodes.of(ErrorKind.PROGRAM_REFUSED));
        assertEquals(2, ExitCodes.of(ErrorKind.USAGE));
        assertEquals(2, ExitCodes.of(ErrorKind.CONFIGURATION));
        assertEquals(2, ExitCodes.of(ErrorKind.NOT_SHAREABLE));
        assertEquals(2, ExitCodes.of(ErrorKind.TRANSFORM_FAILED));
        assertEquals(124, ExitCodes.of(ErrorKind.TIME_LIMIT));
        for (ErrorKind limit : Set.of(ErrorKind.OUTPUT_LIMIT, ErrorKind.MEMORY, ErrorKind.RESOURCE_LIMIT)) {
            assertEquals(125, ExitCodes.of(limit), limit.toString());
            assertEquals(125, ExitCodes.ofTransformStep(limit), limit.toString());
        }
        assertEquals(2, ExitCodes.ofTransformStep(ErrorKind.GUEST_RAISED), "the transform tools' own failure is the transform's");
        assertEquals(1, ExitCodes.ofTransformStep(ErrorKind.PROGRAM_REFUSED), "the program's fault");
    }
}
