package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one style of every JSON document querytool prints: {@code schemaVersion} at the root, lowerCamelCase keys,
 * durations in {@code *Millis} keys. Objects whose keys are not querytool's (PostgreSQL's plan JSON, a query's
 * parameters by name, a run's environment facts) are named and not looked into.
 */
final class JsonStyle {
    private static final Pattern LOWER_CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    /** Units other than milliseconds, or milliseconds spelt otherwise. */
    private static final Pattern OTHER_UNIT = Pattern.compile(".*(Seconds|Ms|Nanos|Micros)$|.*_ms$");

    private JsonStyle() {
    }

    static void assertFollowed(JsonNode doc, String... opaqueKeys) {
        assertTrue(doc.path("schemaVersion").isInt(), () -> "no schemaVersion at the root: " + doc);
        walk(doc, "$", Set.of(opaqueKeys));
    }

    private static void walk(JsonNode node, String path, Set<String> opaque) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", opaque);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String at = path + "." + key;
                assertTrue(LOWER_CAMEL.matcher(key).matches() && !OTHER_UNIT.matcher(key).matches(),
                        () -> at + " is not a lowerCamelCase key with durations in *Millis");
                if (!opaque.contains(key)) {
                    walk(e.getValue(), at, opaque);
                }
            }
        }
    }
}
