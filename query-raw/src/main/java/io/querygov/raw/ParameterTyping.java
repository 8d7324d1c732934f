package io.querygov.raw;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a parameter's declared SQL type becomes a Java value and a binding: the types a benchmark meets most get a
 * Java type pgjdbc binds natively; anything else is bound as text with an explicit cast to the declared type, so the
 * server parses it ({@code inet}, {@code jsonb}, arrays, enums).
 *
 * <p>One reading of declared types for every module part: {@link io.querygov.inspect.ParameterSource} and the
 * Explainer read text as these types; the runner and the Jdbi plugin, which leave parsing to the server, send a
 * String untyped unless the type reads as {@link #TEXT} ({@link Parameters#untypedStrings}).
 */
public enum ParameterTyping {
    UUID_TYPE(UUID.class, Types.OTHER, "a UUID such as 123e4567-e89b-12d3-a456-426614174000"),
    SMALLINT(Short.class, Types.SMALLINT, "an integer from -32768 to 32767"),
    INTEGER(Integer.class, Types.INTEGER, "an integer from -2147483648 to 2147483647"),
    BIGINT(Long.class, Types.BIGINT, "an integer"),
    NUMERIC(BigDecimal.class, Types.NUMERIC, "a decimal number such as 12.50"),
    REAL(Float.class, Types.REAL, "a number such as 1.5"),
    DOUBLE(Double.class, Types.DOUBLE, "a number such as 1.5"),
    TIMESTAMPTZ(OffsetDateTime.class, Types.TIMESTAMP_WITH_TIMEZONE,
            "a timestamp with offset such as 2024-05-01T10:00:00Z or 2024-05-01 10:00:00+02, or a date (midnight UTC)"),
    TIMESTAMP(LocalDateTime.class, Types.TIMESTAMP, "a timestamp such as 2024-05-01T10:00:00, or a date (midnight)"),
    DATE(LocalDate.class, Types.DATE, "a date such as 2024-05-01"),
    BOOLEAN(Boolean.class, Types.BOOLEAN, "true or false"),
    TEXT(String.class, Types.VARCHAR, "any text"),
    /** Any other type: bound as text and cast by the server. */
    CAST_FROM_TEXT(String.class, Types.OTHER, "text the server can cast to the type");

    /** A type name as written in DDL: words, dots, quotes, a (precision, scale), array brackets. Nothing else. */
    private static final Pattern TYPE_NAME = Pattern.compile(
            "[A-Za-z_\"][A-Za-z0-9_ .\"]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?(\\s*\\[\\s*\\d*\\s*\\])*"
                    + "( with(out)? time zone)?");
    private static final DateTimeFormatter SPACE_OR_T_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SPACE_OR_T_OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(SPACE_OR_T_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter(Locale.ROOT);

    private final Class<?> javaType;
    private final int jdbcType;
    private final String expected;

    ParameterTyping(Class<?> javaType, int jdbcType, String expected) {
        this.javaType = javaType;
        this.jdbcType = jdbcType;
        this.expected = expected;
    }

    /** The typing for a declared SQL type; null or blank (undeclared) reads as {@link #CAST_FROM_TEXT}. */
    public static ParameterTyping of(String sqlType) {
        if (sqlType == null || sqlType.isBlank()) {
            return CAST_FROM_TEXT;
        }
        String t = sqlType.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.endsWith("]")) {
            return CAST_FROM_TEXT;
        }
        // numeric(10,2) and varchar(40) bind like their base type
        String base = t.replaceAll("\\s*\\(.*\\)", "").replace("pg_catalog.", "");
        return switch (base) {
            case "uuid" -> UUID_TYPE;
            case "smallint", "int2" -> SMALLINT;
            case "int", "integer", "int4", "serial" -> INTEGER;
            case "bigint", "int8", "bigserial" -> BIGINT;
            case "numeric", "decimal" -> NUMERIC;
            case "real", "float4" -> REAL;
            case "double precision", "float8", "float" -> DOUBLE;
            case "timestamptz", "timestamp with time zone" -> TIMESTAMPTZ;
            case "timestamp", "timestamp without time zone" -> TIMESTAMP;
            case "date" -> DATE;
            case "boolean", "bool" -> BOOLEAN;
            case "text", "varchar", "character varying", "char", "character", "bpchar", "name", "citext" -> TEXT;
            default -> CAST_FROM_TEXT;
        };
    }

    /** The Java type values of this typing have, e.g. for {@code ResultSet.getObject(int, Class)}. */
    public Class<?> javaType() {
        return javaType;
    }

    /** What a value must look like, for messages. */
    public String expected() {
        return expected;
    }

    public boolean isIntegral() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /**
     * What follows the placeholder: {@code ::type} for {@link #CAST_FROM_TEXT} with a declared type, else nothing.
     *
     * @throws IllegalArgumentException when a declared type does not look like a type name (so it cannot smuggle
     *         SQL into the statement)
     */
    public static String castSuffix(String sqlType) {
        if (of(sqlType) != CAST_FROM_TEXT || sqlType == null || sqlType.isBlank()) {
            return "";
        }
        if (!TYPE_NAME.matcher(sqlType.trim()).matches()) {
            throw new IllegalArgumentException("'" + sqlType + "' is not a type name");
        }
        return "::" + sqlType.trim();
    }

    /**
     * Reads text as a value of this type.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Object fromText(String text) {
        String s = text.trim();
        try {
            return switch (this) {
                case UUID_TYPE -> UUID.fromString(s);
                case SMALLINT -> Short.valueOf(s);
                case INTEGER -> Integer.valueOf(s);
                case BIGINT -> Long.valueOf(s);
                case NUMERIC -> new BigDecimal(s);
                case REAL -> Float.valueOf(s);
                case DOUBLE -> Double.valueOf(s);
                case TIMESTAMPTZ -> isDate(s) ? LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC)
                        : OffsetDateTime.parse(s, SPACE_OR_T_OFFSET_DATE_TIME);
                case TIMESTAMP -> isDate(s) ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s, SPACE_OR_T_DATE_TIME);
                case DATE -> LocalDate.parse(s);
                case BOOLEAN -> parseBoolean(s);
                case TEXT, CAST_FROM_TEXT -> text;
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'", e);
        }
    }

    /**
     * An integer from a range as a value of this type.
     *
     * @throws IllegalArgumentException when the type holds no integers or not this one
     */
    public Object fromLong(long value) {
        return switch (this) {
            case SMALLINT -> {
                if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                    throw new IllegalArgumentException(value + " does not fit in a smallint");
                }
                yield (short) value;
            }
            case INTEGER -> Math.toIntExact(value);
            case BIGINT -> value;
            case NUMERIC -> BigDecimal.valueOf(value);
            case REAL -> (float) value;
            case DOUBLE -> (double) value;
            case TEXT, CAST_FROM_TEXT -> Long.toString(value);
            default -> throw new IllegalArgumentException("a range gives integers, which a " + name().toLowerCase(Locale.ROOT)
                    + " parameter cannot take");
        };
    }

    /** Binds a value of this typing; null binds SQL NULL of the type. */
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, jdbcType);
        } else if (this == CAST_FROM_TEXT) {
            // sent with no type: the explicit cast after the placeholder types it, or else the server infers it
            statement.setObject(index, value.toString(), Types.OTHER);
        } else if (this == TEXT) {
            statement.setString(index, value.toString());
        } else {
            statement.setObject(index, value);
        }
    }

    private static boolean isDate(String s) {
        return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-';
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1" -> Boolean.TRUE;
            case "false", "f", "no", "n", "off", "0" -> Boolean.FALSE;
            default -> throw new NumberFormatException("not a boolean");
        };
    }
}
