package dev.ktstr.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A class's build identity is stable across runs: a lambda (a hidden class whose name holds an
 * address) loaded from a directory is identified by the class file of the class that defined
 * it, so a pool index keyed on it is found again by the next run (from an IDE or target/classes).
 */
class CodeIdentityTest {

    @Test
    void aLambdaFromADirectoryIsIdentifiedByItsDefiningClassFile() {
        UnaryOperator<String> lambda = s -> s;
        Class<?> hidden = lambda.getClass();
        assertTrue(hidden.isHidden(), hidden.getName());
        String id = CodeIdentity.of(hidden);
        assertEquals(CodeIdentity.of(CodeIdentityTest.class), id);
        assertFalse(id.contains("Lambda"), id);
        assertTrue(id.contains("CodeIdentityTest.class:"), id);
        assertFalse(id.endsWith(":0:0"), "the class file exists, so its size and time are known: " + id);
    }
}
