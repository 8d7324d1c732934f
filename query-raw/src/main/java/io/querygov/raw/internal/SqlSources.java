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
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

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
     * sees, sorted by name; a problem when no entry has the folder at all, a warning for each link that cannot
     * be followed.
     */
    public static List<SqlSource> classpath(String folder, ClassLoader loader, List<SqlFileProblem> problems,
                                            Consumer<SqlFileProblem> warnings) {
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
                    for (Path p : sqlFilesUnder(dir, f -> prefix + "/" + slashes(dir.relativize(f)), warnings)) {
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

    /**
     * Every {@code .sql} file under {@code dir} (recursively, following links), named by its path, sorted; a warning
     * for each link that cannot be followed.
     */
    public static List<SqlSource> directory(Path dir, List<SqlFileProblem> problems, Consumer<SqlFileProblem> warnings) {
        List<SqlSource> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new SqlFileProblem(dir.toString(), 0, "is not a folder: give the folder that holds the .sql files"));
            return found;
        }
        try {
            for (Path p : sqlFilesUnder(dir, Path::toString, warnings)) {
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

    /**
     * Every {@code .sql} file under {@code dir}, following symbolic links, sorted by path, each real file once. A link
     * that loops, a broken {@code .sql} link and a {@code .sql} name that is no regular file are warned about by
     * name, not skipped silently; a folder that cannot be read fails.
     *
     * @param name how a path is named in warnings: the path itself, or its classpath name
     */
    private static List<Path> sqlFilesUnder(Path dir, Function<Path, String> name, Consumer<SqlFileProblem> warnings)
            throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!file.getFileName().toString().endsWith(EXTENSION)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isRegularFile()) {
                    files.add(file);
                } else if (attributes.isSymbolicLink()) {
                    // FOLLOW_LINKS hands over the link itself when its target cannot be read
                    warnings.accept(new SqlFileProblem(name.apply(file), 0, unfollowable(file)));
                } else {
                    warnings.accept(new SqlFileProblem(name.apply(file), 0,
                            "is not a regular file: skipped; a .sql name is for files of SQL statements"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    warnings.accept(new SqlFileProblem(name.apply(file), 0, "is a symbolic link to a folder that"
                            + " holds it, a loop: skipped; remove the link or point it elsewhere"));
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        files.sort(null);
        Set<Path> seen = new HashSet<>();
        List<Path> unique = new ArrayList<>(files.size());
        for (Path file : files) {
            // a file reached through two links is one file: loaded once, under the first of its names
            if (seen.add(file.toRealPath())) {
                unique.add(file);
            }
        }
        return unique;
    }

    /** Why a symbolic link named {@code *.sql} cannot be read: its target is missing, or it loops. */
    private static String unfollowable(Path link) {
        String target;
        try {
            target = "'" + Files.readSymbolicLink(link) + "'";
        } catch (IOException e) {
            target = "an unreadable target";
        }
        try {
            link.toRealPath();
            return "is a symbolic link to " + target + " that cannot be read: skipped";
        } catch (NoSuchFileException e) {
            return "is a broken symbolic link: its target " + target + " does not exist; skipped, fix or remove the link";
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
            return "is a symbolic link to " + target + " that cannot be followed (" + reason + "), a loop:"
                    + " skipped; fix or remove the link";
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
