package io.querygov.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Prints the help of every querytool command, and then what picocli itself wrote to the process's standard error
 * meanwhile. picocli reports a help text it cannot format ({@code [picocli WARN] Could not format ...}) on the
 * {@code System.err} it found when its tracer was made, once per JVM, so this runs in a JVM of its own and takes
 * over {@code System.err} before picocli's first use.
 */
public final class HelpWarnings {
    static final String COMMANDS = "commands:";
    static final String PICOCLI_SAID = "picocli said:";

    private HelpWarnings() {
    }

    public static void main(String[] args) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        CommandLine tool = new CommandLine(new QueryTool(Map.of(), false));
        StringWriter help = new StringWriter();
        StringBuilder names = new StringBuilder("querytool");
        tool.usage(new PrintWriter(help, true));
        for (Map.Entry<String, CommandLine> sub : tool.getSubcommands().entrySet()) {
            sub.getValue().usage(new PrintWriter(help, true));
            names.append(' ').append(sub.getKey());
        }
        System.setErr(realErr);
        System.out.println(COMMANDS + " " + names);
        System.out.println("help lines: " + help.toString().lines().count());
        System.out.println(PICOCLI_SAID);
        System.out.print(captured.toString(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
