package io.querygov.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.SqlFingerprint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated token streams, lexed back: every token the generator wrote comes back with its kind and bounds, and
 * nothing else. Seeded; a failure names its seed, and {@link SqlTokenGenerator} rebuilds that stream.
 */
class SqlLexerPropertyTest {
    private static final int STREAMS = 3000;

    @Test
    void everyGeneratedTokenIsReadBackWithItsKindAndBounds() {
        for (long seed = 1; seed <= STREAMS; seed++) {
            SqlTokenGenerator generator = new SqlTokenGenerator(seed);
            List<SqlTokenGenerator.Generated> joined = new ArrayList<>();
            String sql = generator.join(generator.tokens(1 + generator.nextInt(25)), seed % 2 == 0, joined);
            List<SqlToken> lexed = SqlLexer.tokens(sql);
            String context = "seed " + seed + ": " + escape(sql);
            assertEquals(describe(joined), describe(sql, lexed), context);
            for (SqlToken t : lexed) {
                assertNull(t.error(), context);
            }
        }
    }

    @Test
    void fingerprintsAndClassificationsNeverFailOnGeneratedText() {
        for (long seed = 1; seed <= STREAMS; seed++) {
            SqlTokenGenerator generator = new SqlTokenGenerator(seed);
            List<SqlTokenGenerator.Generated> tokens = new ArrayList<>(generator.tokens(1 + generator.nextInt(25)));
            // values nobody may see again, wherever they stand
            tokens.add(generator.nextInt(tokens.size() + 1), new SqlTokenGenerator.Generated(
                    generator.pick("'S3CR3T'", "E'S3CR3T\\''", "$q$S3CR3T$q$", "U&'S3CR3T'", "N'S3CR3T'"),
                    SqlToken.Kind.STRING, "S3CR3T"));
            tokens.add(generator.nextInt(tokens.size() + 1), new SqlTokenGenerator.Generated(
                    generator.pick("987654321", "9876.54321", "98765e4321"), SqlToken.Kind.NUMBER, null));
            String sql = generator.join(tokens, true, new ArrayList<>());
            String normalized = SqlFingerprint.of(sql).normalized();
            assertFalse(normalized.contains("S3CR3T") || normalized.contains("98765"), "seed " + seed + ": "
                    + escape(sql) + " -> " + normalized);
            SqlClassification.of(sql);
            // any prefix of it is text too: cut anywhere, unterminated constructs included
            int cut = generator.nextInt(sql.length() + 1);
            SqlFingerprint.of(sql.substring(0, cut));
            SqlClassification.of(sql.substring(0, cut));
            for (SqlToken t : SqlLexer.tokens(sql.substring(0, cut))) {
                assertTrue(t.end() <= cut && t.start() < t.end(), "seed " + seed);
            }
        }
    }

    private static List<String> describe(List<SqlTokenGenerator.Generated> tokens) {
        List<String> out = new ArrayList<>();
        for (SqlTokenGenerator.Generated t : tokens) {
            out.add(t.kind() + " " + escape(t.text()));
        }
        return out;
    }

    private static List<String> describe(String sql, List<SqlToken> tokens) {
        List<String> out = new ArrayList<>();
        for (SqlToken t : tokens) {
            out.add(t.kind() + " " + escape(t.text(sql)));
        }
        return out;
    }

    static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\f", "\\f").replace("\u000B", "\\v")
                .replace("\t", "\\t");
    }
}
