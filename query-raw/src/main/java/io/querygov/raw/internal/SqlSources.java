package io.querygov.raw.internal;

import io.querygov.raw.SqlFileProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds {@code .sql} files in classpath and filesystem folders and decodes them as strict UTF-8. */
public final class SqlSources {
    private static final String EXTENSION = ".sql";

    /** One file's name, as origins show it, and its raw bytes. */
    public record SqlSource(String name, byte[] bytes) {
    }

    private SqlSources() {
    }

    /**
     * Every {@code .sql} file under {@code folder} (recursively) in every classpath entry the loader
     * sees, sorted by name; a problem when no entry has the folder at all.
     */
    public static List<SqlSource> classpath(String folder, ClassLoader loader, List<SqlFileProblem> problems) {
        String prefix = normalizeFolder(folder);
        List<SqlSource> found = new ArrayList<>();
        List<URL> roots;
        try {
            roots = Collections.list(loader.getResources(prefix));
        } catch (IOException e) {
            problems.add(new SqlFileProblem(prefix, 0, "cannot list classpath folder: " + e.getMessage()));
            return found;
        }
        if (roots.isEmpty()) {
            problems.add(new SqlFileProblem(prefix, 0, "no classpath folder '" + prefix + "' found: check the name, "
                    + "and that the folder is under src/main/resources (or on the classpath some other way)"));
            return found;
        }
        for (URL root : roots) {
            try {
                if ("file".equals(root.getProtocol())) {
                    Path dir = Paths.get(root.toURI());
                    for (Path p : sqlFilesUnder(dir)) {
                        found.add(new SqlSource(prefix + "/" + slashes(dir.relativize(p)), Files.readAllBytes(p)));
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            JarEntry entry = entries.nextElement();
                            if (!entry.isDirectory() && entry.getName().startsWith(prefix + "/") && entry.getName().endsWith(EXTENSION)) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    found.add(new SqlSource(entry.getName(), in.readAllBytes()));
                                }
                            }
                        }
                    }
                } else {
                    problems.add(new SqlFileProblem(prefix, 0, "cannot list classpath folder at " + root
                            + ": only folders and jar files can be scanned; load it with SqlFileLoader.directory(...) instead"));
                }
            } catch (IOException | URISyntaxException | UncheckedIOException e) {
                problems.add(new SqlFileProblem(prefix, 0, "cannot read classpath folder at " + root + ": " + e.getMessage()));
            }
        }
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return found;
    }

    /** Every {@code .sql} file under {@code dir} (recursively), named by its path, sorted. */
    public static List<SqlSource> directory(Path dir, List<SqlFileProblem> problems) {
        List<SqlSource> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new SqlFileProblem(dir.toString(), 0, "is not a folder: give the folder that holds the .sql files"));
            return found;
        }
        try {
            for (Path p : sqlFilesUnder(dir)) {
                found.add(new SqlSource(p.toString(), Files.readAllBytes(p)));
            }
        } catch (IOException | UncheckedIOException e) {
            problems.add(new SqlFileProblem(dir.toString(), 0, "cannot read folder: " + e.getMessage()));
        }
        return found;
    }

    /** The text of a source, or null after adding a problem naming the line of the first byte that is not UTF-8. */
    public static String decode(SqlSource source, List<SqlFileProblem> problems) {
        byte[] bytes = source.bytes();
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            problems.add(new SqlFileProblem(source.name(), line, String.format(
                    "file is not UTF-8: byte 0x%02X on this line is not valid UTF-8; save the file as UTF-8", bytes[offset] & 0xff)));
            return null;
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static List<Path> sqlFilesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
        }
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    static String normalizeFolder(String folder) {
        String f = folder.strip().replace('\\', '/');
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }
}
