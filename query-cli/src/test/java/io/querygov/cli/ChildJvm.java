package io.querygov.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of this module in a JVM of its own, with the test class path: for what a JVM cannot observe of
 * itself, such as the signal that ends it, its exit code, or what picocli prints on the process's own standard
 * error.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java -cp <this class path> mainClass args}, to start with {@link ProcessBuilder#start()}. */
    static ProcessBuilder java(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the child's own hsperfdata file would be one more file it writes; nothing here needs it
        command.add("-XX:-UsePerfData");
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** What a finished child printed and returned. */
    record Finished(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    /** Starts the process, waits for it at most this long, and reads what it printed. */
    static Finished run(ProcessBuilder builder, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return finish(p, timeoutSeconds);
    }

    /** Waits for a started process at most this long (killing it after), and reads what it printed. */
    static Finished finish(Process p, long timeoutSeconds) throws IOException, InterruptedException {
        StreamReader out = new StreamReader(p.getInputStream());
        StreamReader err = new StreamReader(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the child JVM did not end within " + timeoutSeconds + " s; out:\n" + out.text()
                    + "\nerr:\n" + err.text());
        }
        return new Finished(p.exitValue(), out.text(), err.text());
    }

    /** Reads a child's stream on a thread of its own, so that a full pipe never blocks the child. */
    static final class StreamReader {
        private final StringBuffer text = new StringBuffer();
        private final Thread thread;

        StreamReader(java.io.InputStream in) {
            thread = new Thread(() -> {
                try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        text.append(line).append('\n');
                    }
                } catch (IOException e) {
                    text.append("(reading failed: ").append(e).append(")\n");
                }
            }, "child-jvm-reader");
            thread.setDaemon(true);
            thread.start();
        }

        /** Everything read so far. */
        String soFar() {
            return text.toString();
        }

        /** Everything, once the stream has ended. */
        String text() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            return text.toString();
        }
    }
}
