package io.querygov.inspect.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule links to a section of the guide that exists, under the anchor GitHub gives its heading. */
class AdviceRuleTest {

    @Test
    void everyRuleHasItsSectionInTheGuide() throws IOException {
        Path guide = Path.of("..", AdviceRule.GUIDE);
        List<String> headings = Files.readAllLines(guide).stream().filter(l -> l.startsWith("#")).toList();
        Set<String> anchors = new HashSet<>();
        for (String h : headings) {
            anchors.add(anchor(h.replaceFirst("^#+\\s*", "")));
        }
        Set<String> ids = new HashSet<>();
        for (AdviceRule rule : AdviceRule.values()) {
            assertTrue(anchors.contains(rule.anchor()), rule + ": no heading of " + guide + " has the anchor "
                    + rule.anchor() + "; headings: " + headings);
            assertTrue(rule.anchor().startsWith(rule.id().toLowerCase(Locale.ROOT) + "-"), rule::anchor);
            assertTrue(ids.add(rule.id()), "duplicate id " + rule.id());
        }
        assertEquals("docs/guide.md#qg-n1-n1-and-statements-per-call", AdviceRule.N_PLUS_ONE.guideLink());
    }

    /** As GitHub renders a heading's anchor: lower case, punctuation but - and _ dropped, spaces to -. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
