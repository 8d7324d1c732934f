package io.querygov.core.sql;

import io.querygov.core.QueryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a SQL text is, read from its tokens ({@link SqlLexer}): how many statements it holds, whether it only reads,
 * the {@link QueryType} it has when nobody said, and what it does that a rollback cannot undo. The one classifier
 * every module asks, so a statement is a read or a write to all of them alike. Immutable.
 *
 * <h2>Reads and writes</h2>
 * A statement reads when it is a {@code SELECT}, {@code VALUES}, {@code TABLE}, {@code SHOW}, a {@code WITH} whose
 * parts all read, or an {@code EXPLAIN} without {@code ANALYZE}, and it neither locks rows ({@code FOR UPDATE},
 * {@code FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR KEY SHARE}), nor creates a table ({@code SELECT ... INTO}),
 * nor has a {@linkplain #sideEffects() side effect}. Everything else writes, including any kind of statement this
 * class does not know ({@code CALL}, {@code DO}, DDL), which is assumed to.
 *
 * <h2>Side effects a rollback cannot undo</h2>
 * Calls found by name anywhere in the text (schema-qualified or not), and statements found by their first words:
 * <ul>
 *   <li>sequences: {@code nextval}, {@code setval};</li>
 *   <li>session-level advisory locks: {@code pg_advisory_lock}, {@code pg_advisory_lock_shared},
 *       {@code pg_try_advisory_lock}, {@code pg_try_advisory_lock_shared}, {@code pg_advisory_unlock},
 *       {@code pg_advisory_unlock_shared}, {@code pg_advisory_unlock_all} (the {@code _xact_} ones end with the
 *       transaction and are not listed);</li>
 *   <li>other sessions: {@code pg_terminate_backend}, {@code pg_cancel_backend},
 *       {@code pg_log_backend_memory_contexts};</li>
 *   <li>other connections: every function whose name starts with {@code dblink} ({@code dblink},
 *       {@code dblink_exec}, {@code dblink_connect}, ...);</li>
 *   <li>files and programs on the server: {@code COPY ... TO PROGRAM}, {@code COPY ... FROM PROGRAM},
 *       {@code COPY ... TO 'file'}, {@code lo_import}, {@code lo_export}, {@code pg_file_write},
 *       {@code pg_file_rename}, {@code pg_file_unlink}, {@code pg_file_sync};</li>
 *   <li>the server's configuration, logs, WAL, replication and statistics: {@code pg_reload_conf},
 *       {@code pg_rotate_logfile}, {@code pg_promote}, {@code pg_switch_wal}, {@code pg_create_restore_point},
 *       {@code pg_backup_start} / {@code pg_start_backup} and their stops, {@code pg_wal_replay_pause} /
 *       {@code _resume}, replication slots ({@code pg_create_*_replication_slot}, {@code pg_drop_replication_slot},
 *       {@code pg_copy_*_replication_slot}, {@code pg_replication_slot_advance},
 *       {@code pg_logical_slot_get_changes}, {@code pg_logical_slot_get_binary_changes},
 *       {@code pg_sync_replication_slots}), {@code pg_logical_emit_message}, replication origins
 *       ({@code pg_replication_origin_*} that create, drop, advance or set up), statistics resets
 *       ({@code pg_stat_reset*}, {@code pg_stat_statements_reset}), {@code pg_buffercache_evict*},
 *       {@code heap_force_kill}, {@code heap_force_freeze}, {@code pg_truncate_visibility_map},
 *       {@code pg_log_standby_snapshot}, and the statements {@code VACUUM}, {@code CHECKPOINT} and
 *       {@code ALTER SYSTEM};</li>
 *   <li>what a read-only transaction lets through and a committed read keeps: {@code pg_notify} and
 *       {@code NOTIFY}, {@code set_config(name, value, is_local)} unless {@code is_local} is written
 *       {@code true}, and transaction IDs assigned by {@code txid_current} or {@code pg_current_xact_id};</li>
 *   <li>the session itself: {@code PREPARE} (a prepared statement survives a rollback), {@code DEALLOCATE},
 *       {@code DISCARD}, {@code LOAD};</li>
 *   <li>transactions: {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END}, {@code ROLLBACK},
 *       {@code ABORT}, {@code SAVEPOINT}, {@code RELEASE}, {@code PREPARE TRANSACTION},
 *       {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}: they end or change the transaction a rollback would
 *       undo;</li>
 *   <li>code whose effects the text does not show: {@code DO}, {@code CALL}, {@code EXECUTE}, and
 *       {@code query_to_xml}, {@code query_to_xmlschema}, {@code query_to_xml_and_xmlschema}, which run SQL given
 *       as a string.</li>
 * </ul>
 * What no reading of the text can see: what a called function, a procedure or a trigger does inside (a user
 * function that calls {@code nextval} or {@code dblink}), and the sequence behind a column default that an
 * {@code INSERT} advances. A read runs in a read-only transaction, where the server refuses table writes and
 * {@code nextval} whoever calls them; the rest is listed in query-raw's README.
 */
public final class SqlClassification {
    // One constant per reason a side effect is given, alike on purpose: the table below and functions() name them.
    private static final String SEQUENCE = "a sequence never rolls back";
    private static final String SESSION_LOCK = "a session-level advisory lock is held until the session ends or"
            + " unlocks it";
    private static final String OTHER_SESSION = "it acts on another server process";
    private static final String OTHER_CONNECTION = "it runs SQL over another connection, which commits on its own";
    private static final String SERVER_FILE = "it reads or writes files on the database server";
    private static final String SERVER_PROGRAM = "it runs a program on the database server";
    private static final String SERVER_STATE = "it changes the server's configuration, logs, WAL, replication or"
            + " statistics";
    private static final String NOTIFICATION = "a notification reaches listening sessions, and a read-only"
            + " transaction does not stop it";
    private static final String SESSION_SETTING = "a session setting outlives the statement, and a read-only"
            + " transaction does not stop it";
    private static final String TRANSACTION_ID = "an assigned transaction ID is never given back";
    private static final String SESSION_STATE = "it changes the session for the statements that follow";
    private static final String TRANSACTION_CONTROL = "it ends or changes the transaction that a rollback would undo";
    private static final String HIDDEN_SQL = "it runs code the statement's text does not show";
    private static final String MAINTENANCE = "it works outside the transaction";

    private static final Map<String, String> FUNCTIONS = functions();
    private static final Set<String> READ_VERBS = Set.of("select", "values", "table", "show");
    private static final Set<String> WRITE_VERBS = Set.of("insert", "update", "delete", "merge", "copy", "truncate");
    private static final Set<String> DML = Set.of("insert", "update", "delete", "merge");
    private static final Set<String> LOCK_STRENGTHS = Set.of("update", "share", "no", "key");
    private static final Map<String, String> STATEMENTS = Map.ofEntries(
            Map.entry("begin", TRANSACTION_CONTROL), Map.entry("start", TRANSACTION_CONTROL),
            Map.entry("commit", TRANSACTION_CONTROL), Map.entry("end", TRANSACTION_CONTROL),
            Map.entry("rollback", TRANSACTION_CONTROL), Map.entry("abort", TRANSACTION_CONTROL),
            Map.entry("savepoint", TRANSACTION_CONTROL), Map.entry("release", TRANSACTION_CONTROL),
            Map.entry("prepare", SESSION_STATE), Map.entry("deallocate", SESSION_STATE),
            Map.entry("discard", SESSION_STATE), Map.entry("load", SESSION_STATE),
            Map.entry("notify", NOTIFICATION), Map.entry("vacuum", MAINTENANCE), Map.entry("checkpoint", MAINTENANCE),
            Map.entry("do", HIDDEN_SQL), Map.entry("call", HIDDEN_SQL), Map.entry("execute", HIDDEN_SQL));

    private final List<String> statements;
    private final QueryType inferredType;
    private final boolean writes;
    private final List<SqlSideEffect> sideEffects;
    private final boolean commentEndsAtCarriageReturn;
    private final String lexicalError;

    // Takes what of() worked out, one assignment a field like any constructor: the class cannot be a record (Optional views).
    private SqlClassification(List<String> statements, QueryType inferredType, boolean writes,
                              List<SqlSideEffect> sideEffects, boolean commentEndsAtCarriageReturn, String lexicalError) {
        this.statements = statements;
        this.inferredType = inferredType;
        this.writes = writes;
        this.sideEffects = sideEffects;
        this.commentEndsAtCarriageReturn = commentEndsAtCarriageReturn;
        this.lexicalError = lexicalError;
    }

    /** Classifies a SQL text. Never fails, whatever the text. */
    public static SqlClassification of(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("cannot classify null SQL");
        }
        List<int[]> ranges = new ArrayList<>(1);
        boolean carriageReturn = false;
        String lexicalError = null;
        int from = -1;
        int to = -1;
        SqlLexer lexer = SqlLexer.of(sql);
        while (lexer.next()) {
            if (lexicalError == null && lexer.error() != null) {
                lexicalError = lexer.error() + " at offset " + lexer.start();
            }
            if (lexer.kind() == SqlToken.Kind.LINE_COMMENT) {
                int end = lexer.end();
                carriageReturn |= end < sql.length() && sql.charAt(end) == '\r'
                        && (end + 1 == sql.length() || sql.charAt(end + 1) != '\n');
                continue;
            }
            if (lexer.kind() == SqlToken.Kind.BLOCK_COMMENT) {
                continue;
            }
            if (lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is(';')) {
                if (from >= 0) {
                    ranges.add(new int[] {from, to});
                }
                from = -1;
                continue;
            }
            if (from < 0) {
                from = lexer.start();
            }
            to = lexer.end();
        }
        if (from >= 0) {
            ranges.add(new int[] {from, to});
        }
        if (ranges.isEmpty()) {
            return new SqlClassification(List.of(), null, true, List.of(), carriageReturn, lexicalError);
        }
        List<String> texts = new ArrayList<>(ranges.size());
        Set<SqlSideEffect> effects = new LinkedHashSet<>();
        QueryType type = null;
        boolean writes = false;
        for (int i = 0; i < ranges.size(); i++) {
            int[] r = ranges.get(i);
            texts.add(sql.substring(r[0], r[1]));
            Statement s = new Statement(sql, r[0], r[1]);
            if (i == 0) {
                type = s.type;
            }
            writes |= s.writes || !s.effects.isEmpty();
            effects.addAll(s.effects);
        }
        return new SqlClassification(List.copyOf(texts), type, writes, List.copyOf(effects), carriageReturn,
                lexicalError);
    }

    /** How many statements the text holds: those a {@code ;} separates, empty ones not counted. */
    public int statementCount() {
        return statements.size();
    }

    /** Each statement's text, from its first token to its last, comments between them kept. */
    public List<String> statements() {
        return statements;
    }

    /**
     * The type the text has when nobody said, from its first statement: SELECT, VALUES, TABLE, SHOW, EXPLAIN and a
     * WITH that only reads are {@link QueryType#RAW_SQL_ANALYTICS}; INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE,
     * SELECT ... INTO and a WITH that modifies data are {@link QueryType#RAW_SQL_BULK}. Empty for anything else
     * (CALL, DO, DDL) and for a text without a statement.
     */
    public Optional<QueryType> inferredType() {
        return Optional.ofNullable(inferredType);
    }

    /**
     * Whether the text cannot run in a read-only transaction, or should not: it modifies data, locks rows, has a
     * {@linkplain #sideEffects() side effect}, is of a kind this class does not know, or holds no statement.
     */
    public boolean writes() {
        return writes;
    }

    /** Whether the text only reads: the opposite of {@link #writes()}. */
    public boolean reads() {
        return !writes;
    }

    /** What the text does that a rollback cannot undo, in the order found; empty for most statements. */
    public List<SqlSideEffect> sideEffects() {
        return sideEffects;
    }

    /**
     * Whether a {@code --} comment in the text ends at a carriage return that no line feed follows: the server
     * reads on as code after it, where an editor shows one line. Worth saying when a text splits unexpectedly.
     */
    public boolean commentEndsAtCarriageReturn() {
        return commentEndsAtCarriageReturn;
    }

    /** What the server would refuse when lexing the text, with the offset, or empty when it lexes cleanly. */
    public Optional<String> lexicalError() {
        return Optional.ofNullable(lexicalError);
    }

    /**
     * Why the text is not one statement, for a message: how many it holds, how each begins, and the carriage return
     * rule when it applies; empty when it is one statement.
     */
    public Optional<String> severalStatements() {
        if (statements.size() <= 1) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("holds ").append(statements.size()).append(" statements (");
        for (int i = 0; i < statements.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(abbreviate(statements.get(i))).append('\'');
        }
        b.append("), where one is allowed");
        if (commentEndsAtCarriageReturn) {
            b.append("; note that PostgreSQL ends a -- comment at a carriage return as well as at a line feed, so"
                    + " what follows a carriage return is code even where an editor shows the comment going on");
        }
        return Optional.of(b.toString());
    }

    @Override
    public String toString() {
        return "SqlClassification[statements=" + statements.size() + ", type=" + inferredType + ", writes=" + writes
                + ", sideEffects=" + sideEffects + "]";
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** One statement's kind, from one pass over its tokens. */
    private static final class Statement {
        final List<SqlSideEffect> effects = new ArrayList<>(0);
        QueryType type;
        boolean writes;

        private final String sql;
        private final int to;
        private String verb;
        private boolean explained;
        private boolean leading = true;
        private int depth;
        private String previous;
        private boolean dml;
        private boolean locks;
        private boolean into;
        private String pendingName;
        private String copyDirection;
        /** Depth inside the argument list of a set_config call, or -1; its argument number and third argument. */
        private int setConfigDepth = -1;
        private int setConfigArgument;
        private int setConfigThirdTokens;
        private boolean setConfigThirdIsTrue;

        Statement(String sql, int from, int to) {
            this.sql = sql;
            this.to = to;
            SqlLexer lexer = SqlLexer.of(sql, from);
            while (lexer.next() && lexer.start() < to) {
                if (lexer.kind() == SqlToken.Kind.LINE_COMMENT || lexer.kind() == SqlToken.Kind.BLOCK_COMMENT) {
                    continue;
                }
                if (accept(lexer)) {
                    break;
                }
            }
            finish();
        }

        /** Reads one code token; true when the rest of the statement need not be read. */
        private boolean accept(SqlLexer lexer) {
            boolean open = lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is('(');
            boolean close = lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is(')');
            String word = lexer.kind() == SqlToken.Kind.IDENTIFIER ? lower(lexer) : null;
            if (pendingName != null && open) {
                call(pendingName);
            }
            pendingName = null;
            if (leading) {
                if (open) {
                    depth++;
                    previous = "(";
                    return false;
                }
                leading = false;
                verb = word == null ? "" : word;
                if (verb.equals("explain")) {
                    explain(lexer);
                    return true;
                }
                String control = STATEMENTS.get(verb);
                if (control != null) {
                    sideEffect("runs " + verb.toUpperCase(Locale.ROOT), control);
                }
                previous = word;
                if (word != null) {
                    pendingName = word;
                }
                return false;
            }
            if (word != null) {
                word(word);
                pendingName = word;
            } else if (lexer.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
                pendingName = unquote(lexer);
            }
            if (copyDirection != null && word == null) {
                copyTarget(lexer.kind() == SqlToken.Kind.STRING, false);
            }
            if (setConfigDepth >= 0 && depth == setConfigDepth && !open && !close) {
                if (lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is(',')) {
                    setConfigArgument++;
                } else if (setConfigArgument == 2) {
                    setConfigThirdTokens++;
                    setConfigThirdIsTrue = "true".equals(word);
                }
            }
            if (open) {
                depth++;
                previous = "(";
            } else if (close) {
                if (setConfigDepth >= 0 && depth == setConfigDepth) {
                    if (!(setConfigThirdTokens == 1 && setConfigThirdIsTrue)) {
                        sideEffect("calls set_config() without is_local true", SESSION_SETTING);
                    }
                    setConfigDepth = -1;
                }
                depth = Math.max(0, depth - 1);
                previous = ")";
            } else {
                previous = word != null ? word : "";
            }
            return false;
        }

        private void word(String word) {
            if (verb.equals("with") && DML.contains(word)
                    && ("(".equals(previous) || (depth == 0 && !"for".equals(previous) && !"key".equals(previous)))) {
                dml = true;
            }
            if ("for".equals(previous) && LOCK_STRENGTHS.contains(word)) {
                locks = true;
            }
            if (depth == 0 && word.equals("into") && (READ_VERBS.contains(verb) || verb.equals("with"))) {
                into = true;
            }
            if (verb.equals("alter") && "alter".equals(previous) && word.equals("system")) {
                sideEffect("runs ALTER SYSTEM", SERVER_STATE);
            }
            if (verb.equals("copy")) {
                if (copyDirection != null) {
                    copyTarget(false, word.equals("program"));
                } else if (depth == 0 && (word.equals("to") || word.equals("from"))) {
                    copyDirection = word;
                }
            }
        }

        /** The token after COPY's TO or FROM: a program, a file name, or STDIN / STDOUT. */
        private void copyTarget(boolean file, boolean program) {
            String direction = copyDirection.toUpperCase(Locale.ROOT);
            copyDirection = null;
            if (program) {
                sideEffect("runs COPY ... " + direction + " PROGRAM", SERVER_PROGRAM);
            } else if (file && direction.equals("TO")) {
                sideEffect("runs COPY ... TO a file on the server", SERVER_FILE);
            }
        }

        private void call(String name) {
            if (name.equals("set_config")) {
                setConfigDepth = depth + 1;
                setConfigArgument = 0;
                setConfigThirdTokens = 0;
                setConfigThirdIsTrue = false;
                return;
            }
            String why = FUNCTIONS.get(name);
            if (why == null && name.startsWith("dblink")) {
                why = OTHER_CONNECTION;
            }
            if (why != null) {
                sideEffect("calls " + name + "()", why);
            }
        }

        /** EXPLAIN runs its statement only with ANALYZE: then it is what that statement is, else a read. */
        private void explain(SqlLexer lexer) {
            explained = true;
            type = QueryType.RAW_SQL_ANALYTICS;
            boolean analyze = false;
            boolean more = nextCode(lexer);
            if (more && lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is('(')) {
                int optionDepth = 1;
                boolean afterAnalyze = false;
                while (optionDepth > 0 && (more = nextCode(lexer))) {
                    if (lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is('(')) {
                        optionDepth++;
                    } else if (lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is(')')) {
                        optionDepth--;
                    }
                    boolean off = lexer.isWord("false") || lexer.isWord("off")
                            || (lexer.kind() == SqlToken.Kind.NUMBER && lexer.is('0'));
                    if (afterAnalyze && off) {
                        analyze = false;
                    }
                    afterAnalyze = lexer.isWord("analyze") || lexer.isWord("analyse");
                    analyze |= afterAnalyze;
                }
                more = more && nextCode(lexer);
            } else {
                while (more && (lexer.isWord("analyze") || lexer.isWord("analyse") || lexer.isWord("verbose"))) {
                    analyze |= !lexer.isWord("verbose");
                    more = nextCode(lexer);
                }
            }
            if (analyze && more) {
                Statement explainedStatement = new Statement(sql, lexer.start(), to);
                writes = explainedStatement.writes || !explainedStatement.effects.isEmpty();
                effects.addAll(explainedStatement.effects);
            }
        }

        /** Moves to the statement's next token that is not a comment; false past its end. */
        private boolean nextCode(SqlLexer lexer) {
            while (lexer.next() && lexer.start() < to) {
                if (lexer.kind() != SqlToken.Kind.LINE_COMMENT && lexer.kind() != SqlToken.Kind.BLOCK_COMMENT) {
                    return true;
                }
            }
            return false;
        }

        private void finish() {
            if (explained) {
                return;
            }
            if (verb == null || verb.isEmpty()) {
                type = null;
                writes = true;
            } else if (verb.equals("with")) {
                type = dml || into ? QueryType.RAW_SQL_BULK : QueryType.RAW_SQL_ANALYTICS;
                writes = dml || into || locks;
            } else if (WRITE_VERBS.contains(verb) || (into && READ_VERBS.contains(verb))) {
                type = QueryType.RAW_SQL_BULK;
                writes = true;
            } else if (READ_VERBS.contains(verb)) {
                type = QueryType.RAW_SQL_ANALYTICS;
                writes = locks;
            } else {
                type = null;
                writes = true;
            }
        }

        private void sideEffect(String what, String why) {
            SqlSideEffect effect = new SqlSideEffect(what, why);
            if (!effects.contains(effect)) {
                effects.add(effect);
            }
        }

        private static String lower(SqlLexer lexer) {
            String s = lexer.sql();
            char[] chars = new char[lexer.end() - lexer.start()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = SqlLexer.lowerAscii(s.charAt(lexer.start() + i));
            }
            return new String(chars);
        }

        /** A quoted name as the server reads it: case kept, doubled quotes single. */
        private static String unquote(SqlLexer lexer) {
            String text = lexer.text();
            int open = text.indexOf('"');
            int close = text.endsWith("\"") && text.length() > open + 1 ? text.length() - 1 : text.length();
            return text.substring(open + 1, close).replace("\"\"", "\"");
        }
    }

    private static Map<String, String> functions() {
        Map<String, String> f = new HashMap<>();
        for (String name : List.of("nextval", "setval")) {
            f.put(name, SEQUENCE);
        }
        for (String name : List.of("pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock",
                "pg_try_advisory_lock_shared", "pg_advisory_unlock", "pg_advisory_unlock_shared",
                "pg_advisory_unlock_all")) {
            f.put(name, SESSION_LOCK);
        }
        for (String name : List.of("pg_terminate_backend", "pg_cancel_backend", "pg_log_backend_memory_contexts")) {
            f.put(name, OTHER_SESSION);
        }
        for (String name : List.of("lo_import", "lo_export", "pg_file_write", "pg_file_rename", "pg_file_unlink",
                "pg_file_sync")) {
            f.put(name, SERVER_FILE);
        }
        for (String name : List.of("pg_reload_conf", "pg_rotate_logfile", "pg_rotate_logfile_old", "pg_promote",
                "pg_switch_wal", "pg_switch_xlog", "pg_create_restore_point", "pg_start_backup", "pg_stop_backup",
                "pg_backup_start", "pg_backup_stop", "pg_wal_replay_pause", "pg_wal_replay_resume",
                "pg_xlog_replay_pause", "pg_xlog_replay_resume", "pg_create_physical_replication_slot",
                "pg_create_logical_replication_slot", "pg_drop_replication_slot", "pg_copy_physical_replication_slot",
                "pg_copy_logical_replication_slot", "pg_replication_slot_advance", "pg_logical_slot_get_changes",
                "pg_logical_slot_get_binary_changes", "pg_sync_replication_slots", "pg_logical_emit_message",
                "pg_replication_origin_create", "pg_replication_origin_drop", "pg_replication_origin_advance",
                "pg_replication_origin_session_setup", "pg_replication_origin_session_reset",
                "pg_replication_origin_xact_setup", "pg_replication_origin_xact_reset", "pg_stat_reset",
                "pg_stat_reset_shared", "pg_stat_reset_single_table_counters",
                "pg_stat_reset_single_function_counters", "pg_stat_reset_slru", "pg_stat_reset_replication_slot",
                "pg_stat_reset_subscription_stats", "pg_stat_reset_backend_stats", "pg_stat_statements_reset",
                "pg_buffercache_evict", "pg_buffercache_evict_relation", "pg_buffercache_evict_all",
                "heap_force_kill", "heap_force_freeze", "pg_truncate_visibility_map", "pg_log_standby_snapshot")) {
            f.put(name, SERVER_STATE);
        }
        f.put("pg_notify", NOTIFICATION);
        f.put("txid_current", TRANSACTION_ID);
        f.put("pg_current_xact_id", TRANSACTION_ID);
        for (String name : List.of("query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema")) {
            f.put(name, HIDDEN_SQL);
        }
        return Collections.unmodifiableMap(f);
    }
}
