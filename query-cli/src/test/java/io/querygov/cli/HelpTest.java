package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every command's help is formatted as written: picocli has nothing to warn about. */
class HelpTest {

    @Test
    void noCommandsHelpMakesPicocliWarn() throws Exception {
        ChildJvm.Finished r = ChildJvm.run(ChildJvm.java(HelpWarnings.class), 60);

        assertEquals(0, r.exitCode(), r::toString);
        String commands = r.out().lines().filter(l -> l.startsWith(HelpWarnings.COMMANDS)).findFirst().orElseThrow();
        for (String name : new String[] {"list", "check", "bench", "explain", "slowest", "compare", "pool"}) {
            assertTrue((commands + " ").contains(" " + name + " "), commands);
        }
        String picocli = r.out().substring(r.out().indexOf(HelpWarnings.PICOCLI_SAID));
        assertFalse(picocli.contains("[picocli WARN]"), picocli);
    }
}
