package io.querygov.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs querytool as a user would, in this JVM, with captured output. */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs with an empty environment, so no PG* variable of the machine decides the target. */
    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new QueryTool(environment, false))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code command}, then each group of {@code options} in turn: a test class's fixed ones, a test's own. */
    static Result run(List<String> command, String[]... options) {
        List<String> args = new ArrayList<>(command);
        for (String[] group : options) {
            args.addAll(List.of(group));
        }
        return run(args.toArray(String[]::new));
    }

    /** A catalog folder of the test resources. */
    static String catalog(String name) {
        try {
            return Path.of(Cli.class.getResource("/catalogs/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
