package io.querygov.testing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://127.0.0.1:5432/test?user=root              | jdbc:postgresql://127.0.0.1:5432/qg_x?user=root",
        "jdbc:postgresql://127.0.0.1:5432/test                        | jdbc:postgresql://127.0.0.1:5432/qg_x",
        "jdbc:postgresql://db.example:6543/app?user=a&password=b&ssl=true | jdbc:postgresql://db.example:6543/qg_x?user=a&password=b&ssl=true",
        "jdbc:postgresql://localhost/                                 | jdbc:postgresql://localhost/qg_x",
        "jdbc:postgresql://localhost                                  | jdbc:postgresql://localhost/qg_x",
        "jdbc:postgresql://localhost:5432?user=root                   | jdbc:postgresql://localhost:5432/qg_x?user=root",
        "jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary | jdbc:postgresql://h1:5432,h2:5433/qg_x?targetServerType=primary",
        "jdbc:postgresql://[::1]:5432/app?user=u                      | jdbc:postgresql://[::1]:5432/qg_x?user=u",
        "jdbc:postgresql:app?user=u                                   | jdbc:postgresql:qg_x?user=u",
        "jdbc:postgresql:                                             | jdbc:postgresql:qg_x",
        "jdbc:postgresql://h/a/b?options=-c%20search_path%3Dx         | jdbc:postgresql://h/qg_x?options=-c%20search_path%3Dx",
    })
    void withDatabaseReplacesOnlyTheDatabase(String url, String expected) {
        assertEquals(expected, JdbcUrls.withDatabase(url, "qg_x"));
    }

    @Test
    void withDatabaseEncodesNamesThatNeedIt() {
        assertEquals("jdbc:postgresql://h:1/my%20db%2Fx?user=u",
                JdbcUrls.withDatabase("jdbc:postgresql://h:1/test?user=u", "my db/x"));
    }

    @Test
    void withDatabaseRejectsOtherUrlsWithoutShowingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcUrls.withDatabase("jdbc:mysql://h/db?user=u&password=hunter2", "qg_x"));
        assertTrue(e.getMessage().contains("jdbc:mysql://h/db?user=u&password=***"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void withDatabaseRejectsAnEmptyName() {
        assertThrows(IllegalArgumentException.class, () -> JdbcUrls.withDatabase("jdbc:postgresql://h/db", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h:5432/test?user=root                            | jdbc:postgresql://h:5432/test?user=root",
        "jdbc:postgresql://h:5432/test?user=root&password=s3cret&ssl=true   | jdbc:postgresql://h:5432/test?user=root&password=***&ssl=true",
        "jdbc:postgresql://h/test?PASSWORD=s3cret                           | jdbc:postgresql://h/test?PASSWORD=***",
        "jdbc:postgresql://h/test?sslpassword=k3y&password=p                | jdbc:postgresql://h/test?sslpassword=***&password=***",
        "jdbc:postgresql://u:s3cret@h/test?ssl=true                         | jdbc:postgresql://u:***@h/test?ssl=true",
        "jdbc:postgresql://h/test                                           | jdbc:postgresql://h/test",
    })
    void redactMasksPasswords(String url, String expected) {
        assertEquals(expected, JdbcUrls.redact(url));
    }

    @Test
    void scrubMasksPasswordsQuotedInOtherMessages() {
        String url = "jdbc:postgresql://h/test?user=u&password=s3cret";
        assertEquals("driver said: bad password s3cret... hmm".replace("s3cret", "***"),
                JdbcUrls.scrub("driver said: bad password s3cret... hmm", url));
        assertEquals("cannot open jdbc:postgresql://h/test?user=u&password=***",
                JdbcUrls.scrub("cannot open " + url, url));
        assertEquals("nothing secret here", JdbcUrls.scrub("nothing secret here", "jdbc:postgresql://h/test?user=u"));
    }
}
