package io.querygov.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passwords masked where they stand as values, and nothing else touched. */
class SecretsTest {
    /** Messages as querytool prints them, with {@code %s} where a password stands as a value. */
    private static final List<String> TEMPLATES = List.of(
            "Cannot connect to 127.0.0.1:5432/test as root (from --url): The connection attempt failed."
                    + " jdbc:postgresql://127.0.0.1:5432/test?user=root&password=%s&ssl=false",
            "--url 'jdbc:postgresql://db/app?password=%s' is not a PostgreSQL JDBC URL: write it like"
                    + " jdbc:postgresql://host:5432/database?user=name",
            "FATAL: password authentication failed for user \"root\" (PGPASSWORD=%s, PGUSER=root)",
            "dblink_connect: could not establish connection: host=db port=5432 password=%s dbname=test",
            "connection options: host=db password='%s' user=note",
            "Caused by: org.postgresql.util.PSQLException: postgresql://root:%s@db:5432/app: Connection refused",
            "{\"user\": \"root\", \"password\": \"%s\", \"other\": \"continues\"}",
            "Cannot connect to 127.0.0.1:1/db as root: Connection to 127.0.0.1:1 refused. Check that the hostname"
                    + " and port are correct and that the postmaster is accepting TCP/IP connections.");
    /** Letters of ordinary words first, so that short passwords are made of what messages are made of. */
    private static final String COMMON = "eotanrsiducEOTANR";
    private static final String OTHER = "0123456789!#%*-_.~&@:/ =;,'\"";

    @Test
    void passwordsOfAnyLengthAndLetterAreMaskedAsValuesAndNoOtherCharacterChanges() {
        long seed = 3L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 50_000; i++) {
            String password = password(random);
            String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
            Secrets secrets = new Secrets();
            secrets.add(password);
            String text = template.replace("%s", password);
            String expected = template.replace("%s", "***");
            assertEquals(expected, secrets.scrub(text), "case " + i + " of seed " + seed + ", password ["
                    + password + "]");
        }
    }

    /** The password "o", and words about passwords, are not values where they stand in a message. */
    @ParameterizedTest(name = "password [{0}] in {1}")
    @CsvSource(delimiter = '|', value = {
        "o   | Cannot connect to 127.0.0.1:1/db as root (from --url): Connection to 127.0.0.1:1 refused.",
        "was | The server requested password-based authentication, but no password was provided.",
        "was | http://example.org:8080/path"})
    void aPasswordThatIsAlsoAWordOfTheMessageLeavesItAlone(String password, String message) {
        Secrets secrets = new Secrets();
        secrets.add(password);
        assertEquals(message, secrets.scrub(message));
    }

    @Test
    void passwordValuesNobodyToldUsOfAreMaskedToo() {
        Secrets secrets = new Secrets();
        assertEquals("jdbc:postgresql://db/app?user=ops&password=***&ssl=true",
                secrets.scrub("jdbc:postgresql://db/app?user=ops&password=hunter2&ssl=true"));
        assertEquals("PGPASSWORD=*** psql", secrets.scrub("PGPASSWORD=hunter2 psql"));
        assertEquals("postgresql://ops:***@db/app", secrets.scrub("postgresql://ops:hunter2@db/app"));
        assertEquals("{\"password\":\"***\"}", secrets.scrub("{\"password\":\"hunter2\"}"));
        assertEquals("db_password: ***", secrets.scrub("db_password: hunter2"));
    }

    @Test
    void statementTextShownAnywhereHasItsPasswordLiteralsMaskedToo() {
        Secrets secrets = new Secrets();
        secrets.add("known-pw");
        // what the dashboard's pages and the HTML reports pass every statement and message through
        assertEquals("CREATE USER app ENCRYPTED PASSWORD '***' -- from password=***",
                secrets.redact("CREATE USER app ENCRYPTED PASSWORD 'never-told' -- from password=known-pw"));
    }

    private static String password(SplittableRandom random) {
        int length = random.nextInt(4) == 0 ? 4 + random.nextInt(20) : 1 + random.nextInt(3);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            String from = random.nextInt(5) == 0 ? OTHER : COMMON;
            b.append(from.charAt(random.nextInt(from.length())));
        }
        return b.toString();
    }
}
