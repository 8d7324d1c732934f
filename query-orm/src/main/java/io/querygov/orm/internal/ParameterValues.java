package io.querygov.orm.internal;

import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns sampled parameter values (text from a values list or a command line, numbers from a range or
 * a sample query) into the Java type a Hibernate query parameter expects, and names the SQL type of a
 * Java type for a catalog. What it cannot convert it passes on unchanged, so Hibernate's own error
 * names the parameter and the type.
 */
public final class ParameterValues {
    private static final Map<Class<?>, String> SQL_TYPES = Map.ofEntries(
            Map.entry(Long.class, "bigint"), Map.entry(long.class, "bigint"),
            Map.entry(Integer.class, "integer"), Map.entry(int.class, "integer"),
            Map.entry(Short.class, "smallint"), Map.entry(short.class, "smallint"),
            Map.entry(String.class, "text"), Map.entry(Boolean.class, "boolean"), Map.entry(boolean.class, "boolean"),
            Map.entry(UUID.class, "uuid"), Map.entry(BigDecimal.class, "numeric"), Map.entry(BigInteger.class, "numeric"),
            Map.entry(Double.class, "double precision"), Map.entry(double.class, "double precision"),
            Map.entry(Float.class, "real"), Map.entry(float.class, "real"),
            Map.entry(LocalDate.class, "date"), Map.entry(LocalDateTime.class, "timestamp"),
            Map.entry(LocalTime.class, "time"), Map.entry(OffsetDateTime.class, "timestamptz"),
            Map.entry(ZonedDateTime.class, "timestamptz"), Map.entry(Instant.class, "timestamptz"),
            Map.entry(byte[].class, "bytea"));

    /** A number to the boxed type a parameter expects. */
    private static final Map<Class<?>, Function<Number, Object>> FROM_NUMBER = Map.of(
            Long.class, Number::longValue,
            Integer.class, n -> Math.toIntExact(n.longValue()),
            Short.class, n -> (short) n.intValue(),
            Double.class, Number::doubleValue,
            Float.class, Number::floatValue,
            BigDecimal.class, n -> new BigDecimal(n.toString()),
            BigInteger.class, n -> BigInteger.valueOf(n.longValue()),
            String.class, Number::toString);

    /** Trimmed text to the boxed type a parameter expects; enums are parsed by name apart from these. */
    // a table, one parser a line: its rows are alike on purpose
    private static final Map<Class<?>, Function<String, Object>> FROM_TEXT = Map.ofEntries(
            Map.entry(Long.class, Long::parseLong),
            Map.entry(Integer.class, Integer::parseInt),
            Map.entry(Short.class, Short::parseShort),
            Map.entry(Double.class, Double::parseDouble),
            Map.entry(Float.class, Float::parseFloat),
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(BigInteger.class, BigInteger::new),
            Map.entry(Boolean.class, Boolean::parseBoolean),
            Map.entry(UUID.class, UUID::fromString),
            Map.entry(LocalDate.class, LocalDate::parse),
            Map.entry(LocalDateTime.class, LocalDateTime::parse),
            Map.entry(LocalTime.class, LocalTime::parse),
            Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
            Map.entry(Instant.class, Instant::parse));

    private ParameterValues() {
    }

    /** The PostgreSQL type for a Java type, or {@code unknown} when the parameter is untyped or an entity. */
    public static String sqlType(Class<?> javaType) {
        if (javaType == null) {
            return "unknown";
        }
        if (javaType.isEnum()) {
            return "text";
        }
        return SQL_TYPES.getOrDefault(javaType, "unknown");
    }

    /** {@code value} as an instance of {@code type} where a conversion is unambiguous. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object coerce(Object value, Class<?> type) {
        if (value == null || type == null || type.isInstance(value) || boxed(type).isInstance(value)) {
            return value;
        }
        Class<?> target = boxed(type);
        if (value instanceof Number n) {
            Function<Number, Object> convert = FROM_NUMBER.get(target);
            return convert == null ? value : convert.apply(n);
        }
        if (value instanceof OffsetDateTime odt) {
            // what a sampler draws for timestamptz; entities usually hold an Instant
            if (target == Instant.class) {
                return odt.toInstant();
            }
            if (target == ZonedDateTime.class) {
                return odt.toZonedDateTime();
            }
            if (target == LocalDateTime.class) {
                return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return value;
        }
        if (value instanceof Instant instant && target == OffsetDateTime.class) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof String s) {
            String t = s.trim();
            boolean dateOnly = t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-';
            if (dateOnly && (target == Instant.class || target == OffsetDateTime.class || target == LocalDateTime.class)) {
                // values: 2024-06-01 for a timestamp means the start of that day, in UTC as the server's would
                OffsetDateTime start = LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC);
                return target == Instant.class ? start.toInstant()
                        : target == OffsetDateTime.class ? start : start.toLocalDateTime();
            }
            Function<String, Object> parse = FROM_TEXT.get(target);
            if (parse != null) {
                return parse.apply(t);
            }
            if (target.isEnum()) {
                return Enum.valueOf((Class<Enum>) target, t.toUpperCase(Locale.ROOT));
            }
        }
        return value;
    }

    /** Most parameter types are already reference types: only a primitive pays for the method type's lookup. */
    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }
}
