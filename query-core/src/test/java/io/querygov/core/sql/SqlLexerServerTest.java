package io.querygov.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server as the judge: generated texts of several {@code SELECT}s of string constants, with comments, carriage
 * returns, continuation lines and semicolons inside constants and comments, are sent whole over the simple query
 * protocol, where the server itself splits them. It must return as many results as {@link SqlClassification} counts
 * statements, and each constant's value as the generator wrote it, while {@link SqlLexer} finds each constant where
 * the generator put it.
 */
class SqlLexerServerTest {
    private static final int TEXTS = 300;

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    @Test
    void theServerSplitsAndReadsGeneratedTextsAsTheLexerDoes() throws SQLException {
        Properties properties = new Properties();
        // the whole text in one Query message: pgjdbc splits nothing, the server does
        properties.setProperty("preferQueryMode", "simple");
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            for (long seed = 1; seed <= TEXTS; seed++) {
                SqlTokenGenerator generator = new SqlTokenGenerator(seed);
                List<List<String>> expected = new ArrayList<>();
                List<String> constants = new ArrayList<>();
                String sql = text(generator, expected, constants);
                String context = "seed " + seed + ": " + SqlLexerPropertyTest.escape(sql);

                assertEquals(expected.size(), SqlClassification.of(sql).statementCount(), context);
                List<String> lexed = new ArrayList<>();
                for (SqlToken t : SqlLexer.tokens(sql)) {
                    if (t.kind() == SqlToken.Kind.STRING) {
                        lexed.add(t.text(sql));
                    }
                }
                assertEquals(constants, lexed, context);
                assertEquals(expected, run(statement, sql), context);
            }
        }
    }

    /** Rows of every result, in order; each statement here returns one row. */
    private static List<List<String>> run(Statement statement, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        boolean isResult = statement.execute(sql);
        while (isResult || statement.getUpdateCount() != -1) {
            if (isResult) {
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.add(rs.getString(i));
                        }
                        rows.add(row);
                    }
                }
            }
            isResult = statement.getMoreResults();
        }
        return rows;
    }

    /** One to four {@code SELECT}s of one to three constants; what each returns goes to {@code expected}. */
    private static String text(SqlTokenGenerator g, List<List<String>> expected, List<String> constants) {
        StringBuilder sql = new StringBuilder(g.pick("", " ", "-- lead ; 'x'\n", "/* ; */ "));
        int statements = 1 + g.nextInt(4);
        for (int s = 0; s < statements; s++) {
            if (s > 0) {
                // the statement ends here: a semicolon, maybe after a comment that a carriage return ends
                sql.append(g.pick(";", " ;", "--c\r;", "-- c ' $$\r ;", "/* ; */;", ";;", "\n;\n"));
                sql.append(separator(g));
            }
            sql.append("SELECT");
            List<String> row = new ArrayList<>();
            int columns = 1 + g.nextInt(3);
            for (int c = 0; c < columns; c++) {
                SqlTokenGenerator.Generated constant = constant(g);
                sql.append(c == 0 ? "" : ",").append(separator(g)).append(constant.text()).append(separator(g))
                        .append("AS c").append(c);
                row.add(constant.value());
                constants.add(constant.text());
            }
            expected.add(row);
        }
        return sql.append(g.pick("", ";", "; -- end", ";\n")).toString();
    }

    private static SqlTokenGenerator.Generated constant(SqlTokenGenerator g) {
        switch (g.nextInt(4)) {
            case 0: return g.escapeString();
            case 1: return g.dollarString();
            case 2: return g.unicodeString();
            default: return g.standardString();
        }
    }

    /** Whitespace or comments between tokens: at least one character, a line comment ended by a line break. */
    private static String separator(SqlTokenGenerator g) {
        return g.pick(" ", "\n", "\r", "\t", " -- a ; 'b' $$ /*\r", " -- x\n ", " /* ; ' /* nested */ $$ */ ",
                "\r\n  ", " --\r\n");
    }
}
