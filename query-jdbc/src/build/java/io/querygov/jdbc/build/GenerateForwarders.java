package io.querygov.jdbc.build;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Writes the forwarding bases of query-jdbc's JDBC wrappers: one method per call of a {@code java.sql} interface, each
 * passing its arguments to the wrapped object and returning what it returned. Run by the build at generate-sources,
 * with the JDK's source launcher:
 *
 * <pre>java GenerateForwarders.java &lt;release&gt; &lt;output source root&gt;</pre>
 *
 * <p>The interfaces are read as the compiler sees them for {@code --release <release>}, not as the JDK running the
 * build has them, so a newer JDK writes exactly the calls the module is compiled against. Every call is forwarded,
 * default methods included: a default left to the interface ({@code Connection.beginRequest},
 * {@code Statement.enquoteLiteral}) would never reach the driver's own implementation. Files are rewritten only when
 * their text changes, so an unchanged build does not recompile the module.
 *
 * @param release the Java release whose {@code java.sql} is read
 * @param elements javac's elements of that release's platform classes
 * @param types javac's types of the same
 */
public record GenerateForwarders(String release, Elements elements, Types types) {
    private static final String PACKAGE = "io.querygov.jdbc.internal";

    /** What to write for one interface. */
    private record Forwarder(String name, String jdbcInterface, String leftToOthers, String description) {
        /** An interface of default methods, for the interfaces a wrapper adds to a statement wrapper's class. */
        boolean defaults() {
            return leftToOthers != null;
        }
    }

    private static final List<Forwarder> FORWARDERS = List.of(
            new Forwarder("ForwardingConnection", "java.sql.Connection", null, """
                    Forwards every call to the wrapped {@code java.sql.Connection}: the base of the tracking \
                    wrapper, which overrides only what it observes or changes."""),
            new Forwarder("ForwardingStatement", "java.sql.Statement", null, """
                    Forwards every call to the wrapped {@code java.sql.Statement}: the base of the tracking \
                    wrappers, plain and prepared ({@link ForwardingPreparedStatement} adds the calls only a \
                    prepared statement has), which override only what they observe or change."""),
            new Forwarder("ForwardingPreparedStatement", "java.sql.PreparedStatement", "java.sql.Statement", """
                    Forwards every call that only {@code java.sql.PreparedStatement} has (the calls it shares with \
                    {@code Statement} are {@link ForwardingStatement}'s) to {@link #preparedDelegate()}. An \
                    interface of default methods rather than a class, so that a prepared-statement wrapper can \
                    extend the plain statement wrapper of the same feature and inherit its Statement-level \
                    behaviour, written once: {@code TrackedPreparedStatement extends TrackedStatement implements \
                    ForwardingPreparedStatement}. A default method applies only where no class of the wrapper \
                    declares the call, which is why nothing here repeats a {@code Statement} call."""),
            new Forwarder("ForwardingResultSet", "java.sql.ResultSet", null, """
                    Forwards every call to the wrapped {@code java.sql.ResultSet}: the base of the tracking \
                    wrapper, which overrides only what it observes or changes."""));

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateForwarders <release> <output source root>");
        }
        String release = args[0];
        Path root = Path.of(args[1]);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        // the platform's classes for the release, as javac compiles against them; one empty class to start javac on
        JavacTask task = (JavacTask) compiler.getTask(null, null, null, List.of("--release", release, "-proc:none"),
                null, List.of(new Source("Empty", "final class Empty {}")));
        task.analyze();
        GenerateForwarders generator = new GenerateForwarders(release, task.getElements(), task.getTypes());
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(dir);
        for (Forwarder forwarder : FORWARDERS) {
            writeIfChanged(dir.resolve(forwarder.name() + ".java"), generator.source(forwarder));
        }
    }

    private static void writeIfChanged(Path file, String text) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            return;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    String source(Forwarder forwarder) {
        TypeElement jdbc = type(forwarder.jdbcInterface());
        StringBuilder out = new StringBuilder();
        out.append("// Written by query-jdbc/src/build/java/io/querygov/jdbc/build/GenerateForwarders.java from ")
                .append(forwarder.jdbcInterface()).append(" of Java ").append(release).append(" at each build.\n")
                .append("package ").append(PACKAGE).append(";\n\n")
                .append("/**\n").append(javadoc(forwarder.description()))
                .append(" *\n * <p>Written at build time from the JDBC interface rather than a dynamic proxy, so a call costs one\n")
                .append(" * ").append(forwarder.defaults() ? "interface" : "virtual")
                .append(" dispatch: no argument array, no boxing.\n */\n")
                .append("@javax.annotation.processing.Generated(\"io.querygov.jdbc.build.GenerateForwarders\")\n");
        String target;
        if (forwarder.defaults()) {
            target = "preparedDelegate()";
            out.append("interface ").append(forwarder.name()).append(" extends ").append(forwarder.jdbcInterface())
                    .append(" {\n\n")
                    .append("    /** The driver's statement: the same object as the wrapper's {@code Statement} delegate. */\n")
                    .append("    ").append(forwarder.jdbcInterface()).append(" preparedDelegate();\n");
        } else {
            target = "delegate";
            out.append("abstract class ").append(forwarder.name()).append(" implements ")
                    .append(forwarder.jdbcInterface()).append(" {\n")
                    .append("    final ").append(forwarder.jdbcInterface()).append(" delegate;\n\n")
                    .append("    ").append(forwarder.name()).append("(").append(forwarder.jdbcInterface())
                    .append(" delegate) {\n        this.delegate = delegate;\n    }\n");
        }
        Set<String> others = forwarder.leftToOthers() == null ? Set.of()
                : methods(type(forwarder.leftToOthers())).keySet();
        for (Map.Entry<String, ExecutableElement> method : methods(jdbc).entrySet()) {
            if (!others.contains(method.getKey())) {
                out.append('\n');
                method(out, method.getValue(), forwarder.defaults(), target);
            }
        }
        return out.append("}\n").toString();
    }

    private TypeElement type(String name) {
        TypeElement type = elements.getTypeElement(name);
        if (type == null) {
            throw new IllegalStateException(name + " is not in Java " + release);
        }
        return type;
    }

    /** Every instance method of {@code jdbc}, inherited ones included, by erased signature, in a stable order. */
    private Map<String, ExecutableElement> methods(TypeElement jdbc) {
        Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
        List<ExecutableElement> all = new ArrayList<>(ElementFilter.methodsIn(elements.getAllMembers(jdbc)));
        all.sort(Comparator.comparing((ExecutableElement m) -> m.getSimpleName().toString())
                .thenComparing(this::erasedSignature));
        for (ExecutableElement m : all) {
            Set<Modifier> modifiers = m.getModifiers();
            boolean ofObject = ((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals("java.lang.Object");
            if (ofObject || modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
                continue;
            }
            // an interface that redeclares an inherited call (Connection.close, of AutoCloseable) stands for both
            bySignature.merge(erasedSignature(m), m, (a, b) -> isSubinterface(b, a) ? b : a);
        }
        return bySignature;
    }

    private boolean isSubinterface(ExecutableElement m, ExecutableElement than) {
        return types.isSubtype(types.erasure(m.getEnclosingElement().asType()),
                types.erasure(than.getEnclosingElement().asType()));
    }

    private String erasedSignature(ExecutableElement m) {
        return m.getSimpleName() + m.getParameters().stream()
                .map(p -> types.erasure(p.asType()).toString())
                .collect(Collectors.joining(",", "(", ")"));
    }

    private void method(StringBuilder out, ExecutableElement m, boolean asDefault, String target) {
        Deprecated deprecated = m.getAnnotation(Deprecated.class);
        if (deprecated != null) {
            // deprecated as the interface's call is, which also keeps its use here from warning
            out.append("    @Deprecated");
            List<String> values = new ArrayList<>();
            if (!deprecated.since().isEmpty()) {
                values.add("since = \"" + deprecated.since() + "\"");
            }
            if (deprecated.forRemoval()) {
                values.add("forRemoval = true");
            }
            if (!values.isEmpty()) {
                out.append(values.stream().collect(Collectors.joining(", ", "(", ")")));
            }
            out.append('\n');
        }
        out.append("    @Override\n    ").append(asDefault ? "default " : "public ");
        if (!m.getTypeParameters().isEmpty()) {
            out.append(m.getTypeParameters().stream().map(this::typeParameter)
                    .collect(Collectors.joining(", ", "<", "> ")));
        }
        out.append(m.getReturnType()).append(' ').append(m.getSimpleName()).append('(');
        List<String> names = new ArrayList<>();
        for (int i = 0; i < m.getParameters().size(); i++) {
            TypeMirror type = m.getParameters().get(i).asType();
            String name = "arg" + i;
            names.add(name);
            boolean varargs = m.isVarArgs() && i == m.getParameters().size() - 1;
            out.append(i == 0 ? "" : ", ")
                    .append(varargs ? ((ArrayType) type).getComponentType() + "..." : type.toString())
                    .append(' ').append(name);
        }
        out.append(')');
        if (!m.getThrownTypes().isEmpty()) {
            out.append(m.getThrownTypes().stream().map(TypeMirror::toString)
                    .collect(Collectors.joining(", ", " throws ", "")));
        }
        out.append(" {\n        ").append(m.getReturnType().getKind() == TypeKind.VOID ? "" : "return ")
                .append(target).append('.').append(m.getSimpleName()).append('(')
                .append(String.join(", ", names)).append(");\n    }\n");
    }

    private String typeParameter(TypeParameterElement parameter) {
        List<String> bounds = parameter.getBounds().stream().map(TypeMirror::toString)
                .filter(bound -> !bound.equals("java.lang.Object")).toList();
        return parameter.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds));
    }

    private static String javadoc(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(" *");
        // an inline tag ({@code Statement}) stays on one line
        for (String word : text.split(" (?![^{]*})")) {
            if (line.length() + 1 + word.length() > 110) {
                out.append(line).append('\n');
                line = new StringBuilder(" *");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append('\n').toString();
    }

    /** A compilation unit held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className + JavaFileObject.Kind.SOURCE.extension), JavaFileObject.Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
