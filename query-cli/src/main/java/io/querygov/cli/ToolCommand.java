package io.querygov.cli;

import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.Failures;
import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Notes;
import io.querygov.cli.internal.Phases;
import io.querygov.cli.internal.Secrets;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.Verbosity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: output streams, verbosity, the layout of its help (picocli applies this class's
 * {@code @Command} attributes to each subclass), and the mapping of failures to exit codes and messages, done here
 * rather than in an exception handler so that any {@code new CommandLine(new QueryTool())} behaves the same. Results
 * go to standard output; notes, progress and failures to standard error.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        footerHeading = "%nExamples:%n")
abstract class ToolCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    QueryTool tool;

    @Mixin
    Verbosity verbosity;

    /** Passwords of this run, masked in every message. */
    final Secrets secrets = new Secrets();
    /** Phase timings, printed at the end of commands that ran against a database. */
    final Phases phases = new Phases();
    PrintWriter out;
    PrintWriter err;
    Notes notes;

    @Override
    public final Integer call() {
        verbosity.apply();
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        notes = new Notes(err, tool != null && tool.terminal());
        try {
            int code = execute();
            out.flush();
            return code;
        } catch (Exception | LinkageError | AssertionError e) {
            out.flush();
            CliException failure = Failures.classify(e);
            notes.clearProgress();
            err.println("querytool " + spec.name() + ": " + secrets.scrub(failure.getMessage()));
            if (verbosity.level() > 0) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(secrets.scrub(trace.toString()));
            } else if (failure.exitCode() == ExitCode.UNEXPECTED) {
                err.println("(run again with -v for the stack trace)");
            }
            err.flush();
            return failure.exitCode();
        }
    }

    /** Runs the command. */
    abstract int execute() throws Exception;

    /** The lines a table starts with: what ran where. */
    void header(Format format, Target target, String catalog) {
        if (format == Format.TABLE) {
            out.println("target:  " + target.description());
            if (catalog != null) {
                out.println("catalog: " + catalog);
            }
            out.println();
        }
    }

    /** The line a table ends with: how long each phase took. */
    void footer(Format format) {
        if (format == Format.TABLE && !phases.isEmpty()) {
            out.println();
            out.println("phases: " + phases.summary());
        } else if (!phases.isEmpty()) {
            notes.note("phases: " + phases.summary());
        }
    }

    /**
     * The version of the JSON documents of check, explain, slowest, pool and list: 2 since their keys are
     * lowerCamelCase with durations in {@code *Millis} (1 had snake_case keys and no {@code schemaVersion}). bench,
     * compare and advise version their documents themselves.
     */
    static final int JSON_SCHEMA_VERSION = 2;

    /** The start of a JSON document: {@code schemaVersion}, then the target. */
    Map<String, Object> jsonHeader(Target target) {
        return jsonHeader(JSON_SCHEMA_VERSION, target);
    }

    /** The start of a JSON document a command versions itself. */
    static Map<String, Object> jsonHeader(int schemaVersion, Target target) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("schemaVersion", schemaVersion);
        Map<String, Object> t = new java.util.LinkedHashMap<>();
        t.put("description", target.description());
        t.put("embedded", target.embedded());
        t.put("serverVersion", target.serverVersion());
        doc.put("target", t);
        return doc;
    }

    /**
     * Phase durations in decimal milliseconds, for the {@code phasesMillis} of a JSON document, each phase's name as a
     * lowerCamelCase key ({@code explain analyze} is {@code explainAnalyze}), like every other key.
     */
    Map<String, Object> jsonPhasesMillis() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        phases.seconds().forEach((k, v) -> m.put(camelCase(k), io.querygov.cli.internal.Json.round(v * 1000, 3)));
        return m;
    }

    private static String camelCase(String words) {
        StringBuilder key = new StringBuilder();
        for (String word : words.trim().split("\\s+")) {
            key.append(key.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return key.toString();
    }

    Map<String, String> environment() {
        return tool == null ? System.getenv() : tool.environment();
    }

    /** Refuses csv for a command whose result is not a table. */
    static void requireNotCsv(Format format, String what) {
        if (format == Format.CSV) {
            throw new CliException(ExitCode.USAGE, "--format csv: " + what + " is not a table; use table or json");
        }
    }
}
