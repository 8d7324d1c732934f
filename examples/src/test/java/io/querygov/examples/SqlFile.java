package io.querygov.examples;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A minimal reader of the {@code sql/} files for the tests: the header lines, and the statement with its
 * {@code :name} parameters replaced by JDBC's {@code ?}. Just enough to run the files before the registry exists;
 * it checks the format strictly so that the files stay loadable by it.
 */
record SqlFile(String resource, String name, QueryType type, String description, List<QueryParameter> parameters,
               List<String> tags, String timeout, String cache, String sql) {

    private static final Pattern HEADER = Pattern.compile("^-- ([a-z]+): (.+)$");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_.-]+");
    private static final Pattern PARAM = Pattern.compile("^([a-z_][a-z0-9_]*) ([a-z0-9_ ]+?)"
            + "(?: (sample|values|range): (.+))?$");
    private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");

    /** The resources under {@code sql/} on the test class path, by file name. */
    static List<String> resources() {
        URL folder = SqlFile.class.getClassLoader().getResource("sql");
        if (folder == null) {
            throw new IllegalStateException("no sql/ folder on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(p -> "sql/" + p.getFileName()).filter(r -> r.endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SqlFile load(String resource) {
        String text = Schema.read(resource);
        List<String> lines = text.lines().toList();
        String name = null;
        QueryType type = null;
        String description = null;
        String timeout = null;
        String cache = null;
        List<QueryParameter> parameters = new ArrayList<>();
        List<String> tags = List.of();
        int i = 0;
        for (; i < lines.size(); i++) {
            Matcher header = HEADER.matcher(lines.get(i));
            if (!header.matches()) {
                break;
            }
            String value = header.group(2).trim();
            switch (header.group(1)) {
                case "name" -> name = value;
                case "type" -> type = QueryType.parse(value);
                case "description" -> description = value;
                case "timeout" -> timeout = value;
                case "cache" -> cache = value;
                case "tags" -> tags = Arrays.stream(value.split(",")).map(String::trim).toList();
                case "param" -> parameters.add(parameter(resource, i + 1, value));
                default -> throw new IllegalArgumentException(resource + ":" + (i + 1) + ": unknown header "
                        + header.group(1));
            }
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(resource + ": needs a '-- name:' matching [a-z0-9_.-]+, has " + name);
        }
        String sql = String.join("\n", lines.subList(i, lines.size())).strip();
        if (sql.isEmpty()) {
            throw new IllegalArgumentException(resource + ": no statement after the header");
        }
        return new SqlFile(resource, name, type, description, List.copyOf(parameters), tags, timeout, cache, sql);
    }

    private static QueryParameter parameter(String resource, int line, String declaration) {
        Matcher m = PARAM.matcher(declaration);
        if (!m.matches()) {
            throw new IllegalArgumentException(resource + ":" + line + ": cannot read parameter " + declaration);
        }
        ParameterSampler sampler = ParameterSampler.NONE;
        if (m.group(3) != null) {
            String spec = m.group(4).trim();
            sampler = switch (m.group(3)) {
                case "sample" -> new ParameterSampler.FromQuery(spec);
                case "values" -> new ParameterSampler.FromValues(
                        Arrays.stream(spec.split(",")).map(String::trim).toList());
                default -> {
                    Matcher range = RANGE.matcher(spec);
                    if (!range.matches()) {
                        throw new IllegalArgumentException(resource + ":" + line + ": range must be a..b: " + spec);
                    }
                    yield new ParameterSampler.FromRange(Long.parseLong(range.group(1)),
                            Long.parseLong(range.group(2)));
                }
            };
        }
        return new QueryParameter(m.group(1), m.group(2).trim(), sampler);
    }

    /** The names of the {@code :parameters} in the statement, in order of use, with repeats. */
    List<String> parameterUses() {
        List<String> uses = new ArrayList<>();
        jdbc(uses);
        return uses;
    }

    /** The statement for JDBC: every {@code :name} replaced by {@code ?}; bind in {@link #parameterUses()} order. */
    String jdbcSql() {
        return jdbc(new ArrayList<>());
    }

    Set<String> declaredNames() {
        Set<String> names = new LinkedHashSet<>();
        parameters.forEach(p -> names.add(p.name()));
        return names;
    }

    private String jdbc(List<String> uses) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'') { // a string literal, '' inside it included
                int end = sql.indexOf('\'', i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == '\'') {
                    end = sql.indexOf('\'', end + 2);
                }
                end = end < 0 ? n - 1 : end;
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') { // a comment, to the end of the line
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end - 1;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') { // a ::cast
                out.append("::");
                i++;
            } else if (c == ':' && i + 1 < n && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                uses.add(sql.substring(i + 1, end));
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
