package io.querygov.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.querygov.core.QueryCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL files inside a jar, as {@code querytool --catalog service.jar} loads them. */
class SqlFileLoaderJarTest {

    @Test
    void loadsAClasspathFolderFromAJar(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("service.jar"),
                "sql/a.sql", "-- name: from_jar\nSELECT 1;\n",
                "sql/nested/b.sql", "\n\n-- name: nested_in_jar\n-- param: id int\nSELECT :id;\n",
                "other/c.sql", "-- name: not_in_the_folder\nSELECT 2;\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            QueryCatalog catalog = SqlFileLoader.create().classpath("sql", loader).load();
            assertEquals(List.of("from_jar", "nested_in_jar"), catalog.names());
            assertEquals(Optional.of("sql/nested/b.sql:5"), catalog.get("nested_in_jar").origin());
        }
    }

    @Test
    void reportsProblemsInAJarByEntryName(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("service.jar"), "sql/bad.sql", "-- name: bad\nSELECT :undeclared;\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().classpath("sql", loader).load());
            assertEquals("sql/bad.sql:2", e.problems().get(0).location());
        }
    }

    private static Path jar(Path path, String... namesAndTexts) throws IOException {
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out)) {
            // directory entries first, as build tools write them: getResources("sql") finds the folder by its entry
            for (String folder : List.of("sql/", "sql/nested/", "other/")) {
                jar.putNextEntry(new JarEntry(folder));
                jar.closeEntry();
            }
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                jar.putNextEntry(new JarEntry(namesAndTexts[i]));
                jar.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return path;
    }
}
