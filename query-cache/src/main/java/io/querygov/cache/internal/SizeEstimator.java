package io.querygov.cache.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An estimate of the heap a cached result holds, in bytes, for the cache's weigher: object headers,
 * references and the payload of the values query results are made of (strings, numbers, UUIDs,
 * dates and times, arrays, collections, maps, records), on a 64-bit JVM with compressed references
 * and compact strings. It walks the result once, when it is cached. Objects of other classes count
 * their own fields shallowly, without following them.
 *
 * <p>An estimate, not a measurement: it is meant to be within a small factor of the truth, which
 * is what a byte bound needs to keep a cache from holding a few huge results under an entry count
 * that looks small.
 */
public final class SizeEstimator {
    private static final int HEADER = 16;
    private static final int REFERENCE = 8;
    /** Deeper than this, a value counts as a reference only: results are rows, not deep graphs. */
    private static final int MAX_DEPTH = 16;

    private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                Method m = components[i].getAccessor();
                accessors[i] = m.trySetAccessible() ? m : null;
            }
            return accessors;
        }
    };

    private static final ClassValue<Long> SHALLOW = new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
            long size = HEADER;
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        size += f.getType() == long.class || f.getType() == double.class ? 8 : REFERENCE;
                    }
                }
            }
            return size;
        }
    };

    private SizeEstimator() {
    }

    /** The estimated bytes of {@code value} and everything it holds. */
    public static long estimate(Object value) {
        return estimate(value, 0, new IdentityHashMap<>());
    }

    private static long estimate(Object value, int depth, IdentityHashMap<Object, Boolean> seen) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            return HEADER + 24 + (long) s.length() * (isLatin1(s) ? 1 : 2);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Character
                || value instanceof Float || value instanceof Boolean) {
            return HEADER;
        }
        if (value instanceof Long || value instanceof Double) {
            return HEADER + 8;
        }
        if (value instanceof Enum<?>) {
            return 0; // shared constants
        }
        if (value instanceof UUID) {
            return HEADER + 16;
        }
        if (value instanceof BigInteger b) {
            return HEADER + 24 + HEADER + 4L * ((b.bitLength() + 31) / 32);
        }
        if (value instanceof BigDecimal d) {
            return HEADER + 24 + estimate(d.unscaledValue(), depth, seen);
        }
        if (value instanceof TemporalAccessor || value instanceof Date) {
            return 48; // LocalDate 24, Instant 24, OffsetDateTime 72 with its parts: a middle figure
        }
        if (depth >= MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return 0;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return array(value, type.getComponentType(), depth, seen);
        }
        if (value instanceof Collection<?> c) {
            long size = HEADER + 24 + (long) REFERENCE * c.size();
            for (Object element : c) {
                size += estimate(element, depth + 1, seen);
            }
            return size;
        }
        if (value instanceof Map<?, ?> m) {
            long size = HEADER + 32 + 40L * m.size();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                size += estimate(e.getKey(), depth + 1, seen) + estimate(e.getValue(), depth + 1, seen);
            }
            return size;
        }
        if (value instanceof Optional<?> o) {
            return HEADER + REFERENCE + estimate(o.orElse(null), depth + 1, seen);
        }
        if (type.isRecord()) {
            Method[] accessors = RECORD_ACCESSORS.get(type);
            long size = HEADER + (long) REFERENCE * accessors.length;
            for (Method accessor : accessors) {
                if (accessor != null && !accessor.getReturnType().isPrimitive()) {
                    size += estimate(read(accessor, value), depth + 1, seen);
                }
            }
            return size;
        }
        return SHALLOW.get(type);
    }

    private static long array(Object array, Class<?> component, int depth, IdentityHashMap<Object, Boolean> seen) {
        int length = java.lang.reflect.Array.getLength(array);
        if (component.isPrimitive()) {
            int width = component == long.class || component == double.class ? 8
                    : component == int.class || component == float.class ? 4
                    : component == short.class || component == char.class ? 2 : 1;
            return HEADER + (long) width * length;
        }
        Object[] objects = (Object[]) array;
        long size = HEADER + (long) REFERENCE * length;
        for (Object element : objects) {
            size += estimate(element, depth + 1, seen);
        }
        return size;
    }

    private static Object read(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
