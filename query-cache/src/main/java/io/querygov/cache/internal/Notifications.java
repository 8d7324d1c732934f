package io.querygov.cache.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The payload of the invalidation notifications instances send each other:
 * {@code <instance id>:<table>,<table>...}, or {@code <instance id>:*} for a write whose tables are
 * unknown or too many to list. The sender's id lets an instance skip its own notifications: it has
 * already evicted, on the writing thread, right after the commit.
 */
public record Notifications(String channel, String instanceId) {
    /** PostgreSQL refuses payloads of 8000 bytes or more; past this, a notification says "everything". */
    static final int MAX_PAYLOAD_BYTES = 7900;
    private static final String EVERYTHING = "*";

    String payload(Set<String> tables, boolean everything) {
        if (!everything) {
            String payload = instanceId + ":" + String.join(",", tables);
            if (payload.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES) {
                return payload;
            }
        }
        return instanceId + ":" + EVERYTHING;
    }

    /** A notification as received. */
    public record Received(String sender, Set<String> tables, boolean everything) {
    }

    /** Reads a payload; one not in this format (someone else's NOTIFY on the channel) means "everything", to be safe. */
    public static Received parse(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon < 0) {
            return new Received("", Set.of(), true);
        }
        String sender = payload.substring(0, colon);
        String body = payload.substring(colon + 1);
        if (body.equals(EVERYTHING)) {
            return new Received(sender, Set.of(), true);
        }
        Set<String> tables = new LinkedHashSet<>(Arrays.asList(body.split(",")));
        tables.remove("");
        return new Received(sender, tables, false);
    }

    /** Whether a notification came from this instance. */
    public boolean isOwn(Received received) {
        return received.sender().equals(instanceId);
    }
}
