package io.querygov.orm.internal;

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
            if (target == Long.class) {
                return n.longValue();
            }
            if (target == Integer.class) {
                return Math.toIntExact(n.longValue());
            }
            if (target == Short.class) {
                return (short) n.intValue();
            }
            if (target == Double.class) {
                return n.doubleValue();
            }
            if (target == Float.class) {
                return n.floatValue();
            }
            if (target == BigDecimal.class) {
                return new BigDecimal(n.toString());
            }
            if (target == BigInteger.class) {
                return BigInteger.valueOf(n.longValue());
            }
            if (target == String.class) {
                return n.toString();
            }
            return value;
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
            if (target == Long.class) {
                return Long.parseLong(t);
            }
            if (target == Integer.class) {
                return Integer.parseInt(t);
            }
            if (target == Short.class) {
                return Short.parseShort(t);
            }
            if (target == Double.class) {
                return Double.parseDouble(t);
            }
            if (target == Float.class) {
                return Float.parseFloat(t);
            }
            if (target == BigDecimal.class) {
                return new BigDecimal(t);
            }
            if (target == BigInteger.class) {
                return new BigInteger(t);
            }
            if (target == Boolean.class) {
                return Boolean.parseBoolean(t);
            }
            if (target == UUID.class) {
                return UUID.fromString(t);
            }
            if (target == LocalDate.class) {
                return LocalDate.parse(t);
            }
            if (target == LocalDateTime.class) {
                return LocalDateTime.parse(t);
            }
            if (target == LocalTime.class) {
                return LocalTime.parse(t);
            }
            if (target == OffsetDateTime.class) {
                return OffsetDateTime.parse(t);
            }
            if (target == Instant.class) {
                return Instant.parse(t);
            }
            if (target.isEnum()) {
                return Enum.valueOf((Class<Enum>) target, t.toUpperCase(Locale.ROOT));
            }
        }
        return value;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        return type;
    }
}
