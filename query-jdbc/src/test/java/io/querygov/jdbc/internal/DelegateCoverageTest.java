package io.querygov.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.jdbc.ForwardingDataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The forwarding is generated at build time from the {@code java.sql} interfaces of the release the
 * module compiles for (see the module README), and the DataSource's is written by hand, so both are
 * checked here, against the {@code java.sql} interfaces of the JDK that runs the build:
 *
 * <ul>
 *   <li>every wrapper class this package hands out implements every method of every {@code java.sql}
 *       interface it stands for, default methods included: a default method left to the interface
 *       would not reach the driver's own implementation ({@code Connection.beginRequest},
 *       {@code Statement.enquoteLiteral}, {@code executeLargeUpdate}, ...);</li>
 *   <li>every forwarding method sends the same call, with the same arguments, to the wrapped object
 *       and returns what it returned. The wrapped object here is a recording stand-in, because what is
 *       checked is the forwarding alone; the database tests run the wrappers on pgjdbc.</li>
 * </ul>
 *
 * A JDK that adds a method to one of these interfaces fails the first check until it is forwarded.
 */
class DelegateCoverageTest {

    private static final List<Class<?>> JDBC_INTERFACES = List.of(Connection.class, Statement.class,
            PreparedStatement.class, java.sql.CallableStatement.class, ResultSet.class,
            java.sql.DatabaseMetaData.class);

    @Test
    void everyWrapperImplementsEveryJdbcMethodItself() throws Exception {
        List<Class<?>> wrappers = wrapperClasses();
        assertTrue(wrappers.size() >= 4, "found the tracked connection, statements and result set: " + wrappers);
        List<String> missing = new ArrayList<>();
        for (Class<?> wrapper : wrappers) {
            for (Class<?> jdbc : jdbcInterfacesOf(wrapper)) {
                for (Method m : jdbc.getMethods()) {
                    if (Modifier.isStatic(m.getModifiers())) {
                        continue;
                    }
                    Method implementation = implementation(wrapper, m);
                    if (implementation == null || !implementation.getDeclaringClass().getName().startsWith("io.querygov.")) {
                        missing.add(wrapper.getName() + " leaves " + jdbc.getSimpleName() + "." + m.getName()
                                + Arrays.toString(m.getParameterTypes()) + " to "
                                + (implementation == null ? "nobody (abstract)" : implementation.getDeclaringClass().getName()));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void aConnectionForwardsEveryCallUnchanged() throws Exception {
        checkForwarding(Connection.class, d -> new ForwardingConnection((Connection) d) {
        });
    }

    @Test
    void aStatementForwardsEveryCallUnchanged() throws Exception {
        checkForwarding(Statement.class, d -> new ForwardingStatement((Statement) d) {
        });
    }

    @Test
    void aPreparedStatementForwardsEveryCallUnchanged() throws Exception {
        checkForwarding(PreparedStatement.class, d -> new PreparedProbe((PreparedStatement) d));
    }

    @Test
    void aResultSetForwardsEveryCallUnchanged() throws Exception {
        checkForwarding(ResultSet.class, d -> new ForwardingResultSet((ResultSet) d) {
        });
    }

    @Test
    void aDataSourceForwardsEveryCallButTheBuildersItRefuses() throws Exception {
        Set<String> refused = Set.of("createConnectionBuilder", "createShardingKeyBuilder");
        Wrapping wrapping = d -> new ForwardingDataSource((DataSource) d) {
        };
        checkForwarding(DataSource.class, wrapping, refused, 9);
        Recorder recorder = new Recorder();
        DataSource wrapper = (DataSource) wrapping.wrap(Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, recorder));
        // a connection built past the wrapper would bypass what it observes
        assertThrows(SQLFeatureNotSupportedException.class, wrapper::createConnectionBuilder);
        assertThrows(SQLFeatureNotSupportedException.class, wrapper::createShardingKeyBuilder);
        assertEquals(List.of(), recorder.calls);
    }

    /** The prepared forwarding as the wrappers combine it: a statement base and the prepared calls' defaults. */
    private static final class PreparedProbe extends ForwardingStatement implements ForwardingPreparedStatement {
        private final PreparedStatement prepared;

        PreparedProbe(PreparedStatement delegate) {
            super(delegate);
            this.prepared = delegate;
        }

        @Override
        public PreparedStatement preparedDelegate() {
            return prepared;
        }
    }

    private interface Wrapping {
        Object wrap(Object delegate);
    }

    /** Calls every method of {@code jdbc} on a wrapper of a recorder and checks what reached the recorder. */
    private static void checkForwarding(Class<?> jdbc, Wrapping wrapping) throws Exception {
        checkForwarding(jdbc, wrapping, Set.of(), 21);
    }

    /** As above, but for the methods {@code leftToTheInterface}; at least {@code atLeast} methods are checked. */
    private static void checkForwarding(Class<?> jdbc, Wrapping wrapping, Set<String> leftToTheInterface, int atLeast)
            throws Exception {
        Recorder recorder = new Recorder();
        Object delegate = Proxy.newProxyInstance(jdbc.getClassLoader(), new Class<?>[] {jdbc}, recorder);
        Object wrapper = wrapping.wrap(delegate);
        int checked = 0;
        for (Method m : jdbc.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || leftToTheInterface.contains(m.getName())) {
                continue;
            }
            Object[] args = arguments(m);
            recorder.clear();
            Object returned;
            try {
                returned = m.invoke(wrapper, args);
            } catch (InvocationTargetException e) {
                throw new AssertionError(m + " threw instead of forwarding", e.getCause());
            }
            String what = jdbc.getSimpleName() + "." + m.getName() + Arrays.toString(m.getParameterTypes());
            assertEquals(1, recorder.calls.size(), what + " reached the wrapped object once: " + recorder.calls);
            Method reached = recorder.calls.get(0);
            assertEquals(m.getName(), reached.getName(), what + " forwarded as another call");
            assertEquals(List.of(m.getParameterTypes()), List.of(reached.getParameterTypes()),
                    what + " forwarded to another overload");
            assertTrue(Arrays.deepEquals(args, recorder.arguments.get(0)), what + " forwarded other arguments: "
                    + Arrays.deepToString(recorder.arguments.get(0)) + " instead of " + Arrays.deepToString(args));
            if (m.getReturnType() != void.class) {
                Object expected = recorder.results.get(0);
                if (m.getReturnType().isPrimitive()) {
                    assertEquals(expected, returned, what + " returned something else than the wrapped object");
                } else {
                    assertSame(expected, returned, what + " returned something else than the wrapped object");
                }
            }
            checked++;
        }
        assertTrue(checked >= atLeast, "checked " + checked + " methods of " + jdbc);
    }

    /** Records each call and answers with a value of the return type no forwarding could invent. */
    private static final class Recorder implements InvocationHandler {
        final List<Method> calls = new ArrayList<>();
        final List<Object[]> arguments = new ArrayList<>();
        final List<Object> results = new ArrayList<>();

        void clear() {
            calls.clear();
            arguments.clear();
            results.clear();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "recorder";
                };
            }
            calls.add(method);
            arguments.add(args == null ? new Object[0] : args.clone());
            Object result = answer(method.getReturnType());
            results.add(result);
            return result;
        }
    }

    private static Object answer(Class<?> type) {
        if (type == void.class) {
            return null;
        }
        if (type.isPrimitive()) {
            return primitive(type, 97);
        }
        if (type == String.class) {
            return new String("returned");
        }
        if (type.isInterface()) {
            return stub(type);
        }
        if (type == Object.class) {
            return new Object();
        }
        return sample(type, 97);
    }

    private static Object[] arguments(Method m) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            // a different value per position, so arguments passed in another order are caught
            args[i] = types[i].isPrimitive() ? primitive(types[i], 11 + i) : sample(types[i], 11 + i);
        }
        return args;
    }

    private static Object primitive(Class<?> type, int n) {
        if (type == int.class) {
            return n;
        }
        if (type == long.class) {
            return (long) n * 1_000_003L;
        }
        if (type == boolean.class) {
            return n % 2 == 1;
        }
        if (type == short.class) {
            return (short) n;
        }
        if (type == byte.class) {
            return (byte) n;
        }
        if (type == float.class) {
            return n + 0.5f;
        }
        if (type == double.class) {
            return n + 0.25;
        }
        if (type == char.class) {
            return (char) ('a' + n);
        }
        throw new IllegalArgumentException(type.toString());
    }

    private static Object sample(Class<?> type, int n) {
        if (type == String.class) {
            return "text" + n;
        }
        if (type == Object.class) {
            return new Object();
        }
        if (type == int[].class) {
            return new int[] {n, n + 1};
        }
        if (type == long[].class) {
            return new long[] {n, n + 1L};
        }
        if (type == String[].class) {
            return new String[] {"column" + n};
        }
        if (type == Object[].class) {
            return new Object[] {"element" + n};
        }
        if (type == byte[].class) {
            return new byte[] {(byte) n};
        }
        if (type == Class.class) {
            return String.class;
        }
        if (type == InputStream.class) {
            return new ByteArrayInputStream(new byte[] {(byte) n});
        }
        if (type == Reader.class) {
            return new StringReader("reader" + n);
        }
        if (type == BigDecimal.class) {
            return BigDecimal.valueOf(n, 2);
        }
        if (type == java.sql.Date.class) {
            return new java.sql.Date(n * 86_400_000L);
        }
        if (type == java.sql.Time.class) {
            return new java.sql.Time(n * 1000L);
        }
        if (type == java.sql.Timestamp.class) {
            return new java.sql.Timestamp(n * 1000L);
        }
        if (type == Calendar.class) {
            return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        }
        if (type == java.net.URL.class) {
            try {
                return new URI("http://example.org/" + n).toURL();
            } catch (URISyntaxException | java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (type == Map.class) {
            return new HashMap<>(Map.of("key" + n, String.class));
        }
        if (type == Properties.class) {
            Properties p = new Properties();
            p.setProperty("key", "value" + n);
            return p;
        }
        if (type == Executor.class) {
            return (Executor) Runnable::run;
        }
        if (type == java.sql.SQLWarning.class) {
            return new java.sql.SQLWarning("warning " + n);
        }
        if (type == PrintWriter.class) {
            return new PrintWriter(new StringWriter());
        }
        if (type == Logger.class) {
            return Logger.getLogger("sample" + n);
        }
        if (type == SQLType.class) {
            return JDBCType.values()[n % JDBCType.values().length];
        }
        if (type.isInterface()) {
            return stub(type);
        }
        throw new IllegalArgumentException("no sample value for " + type + ": add one");
    }

    /** An object of an interface type that answers nothing, for identity checks. */
    private static Object stub(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "stub " + type.getSimpleName();
                };
            }
            throw new UnsupportedOperationException("stub");
        });
    }

    /** The concrete classes of this package, as compiled, that implement a java.sql interface. */
    private static List<Class<?>> wrapperClasses() throws Exception {
        Path dir = Path.of(ForwardingConnection.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(ForwardingConnection.class.getPackageName().replace('.', '/'));
        List<Class<?>> wrappers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Class<?> c = Class.forName(ForwardingConnection.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length()), false,
                        ForwardingConnection.class.getClassLoader());
                if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers()) && !jdbcInterfacesOf(c).isEmpty()) {
                    wrappers.add(c);
                }
            }
        }
        assertFalse(wrappers.isEmpty(), "no wrapper classes found in " + dir);
        return wrappers;
    }

    private static Set<Class<?>> jdbcInterfacesOf(Class<?> c) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> jdbc : JDBC_INTERFACES) {
            if (jdbc.isAssignableFrom(c)) {
                out.add(jdbc);
            }
        }
        return out;
    }

    /**
     * The method a call of {@code m} on an instance of {@code c} runs: the nearest class's
     * declaration, else an interface's default method; null when none is concrete.
     */
    private static Method implementation(Class<?> c, Method m) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Method declared = k.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (!Modifier.isAbstract(declared.getModifiers()) && !declared.isBridge()) {
                    return declared;
                }
                if (!declared.isBridge()) {
                    return null;
                }
            } catch (NoSuchMethodException e) {
                // not declared here: look further up
            }
        }
        Method best = null;
        for (Class<?> i : allInterfaces(c)) {
            try {
                Method declared = i.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (declared.isDefault() && (best == null || best.getDeclaringClass().isAssignableFrom(i))) {
                    best = declared;
                }
            } catch (NoSuchMethodException e) {
                // not declared in this interface
            }
        }
        return best;
    }

    private static Set<Class<?>> allInterfaces(Class<?> c) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                collect(i, out);
            }
        }
        return out;
    }

    private static void collect(Class<?> i, Set<Class<?>> out) {
        if (out.add(i)) {
            for (Class<?> s : i.getInterfaces()) {
                collect(s, out);
            }
        }
    }
}
