package io.querygov.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SqlRedactionTest {

    @Test
    void thePasswordOfARoleIsMaskedHoweverItIsQuoted() {
        assertEquals("ALTER ROLE app PASSWORD '***'", SqlRedaction.passwords("ALTER ROLE app PASSWORD 's3cr''et'"));
        assertEquals("CREATE USER bob WITH LOGIN ENCRYPTED PASSWORD '***' VALID UNTIL '2030-01-01'",
                SqlRedaction.passwords("CREATE USER bob WITH LOGIN ENCRYPTED PASSWORD 'md5abc' VALID UNTIL '2030-01-01'"));
        assertEquals("create role x password '***'", SqlRedaction.passwords("create role x password E'a\\'b'"));
        assertEquals("ALTER ROLE x PASSWORD /* c */ '***'", SqlRedaction.passwords("ALTER ROLE x PASSWORD /* c */ $p$hunter2$p$"));
        assertEquals("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password '***')",
                SqlRedaction.passwords("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password 'pw')"));
    }

    @Test
    void aPasswordInAConnectionStringIsMasked() {
        assertEquals("SELECT dblink_connect('host=db user=app password=*** dbname=x')",
                SqlRedaction.passwords("SELECT dblink_connect('host=db user=app password=hunter2 dbname=x')"));
    }

    @Test
    void textWithoutAPasswordLiteralIsLeftAsItIs() {
        String plain = "SELECT id FROM project WHERE id = $1";
        assertSame(plain, SqlRedaction.passwords(plain));
        // a column, a comment and a NULL password hold no secret
        String column = "SELECT password_changed_at, 'x' FROM users -- password 'here' is a comment";
        assertSame(column, SqlRedaction.passwords(column));
        assertEquals("ALTER ROLE x PASSWORD NULL", SqlRedaction.passwords("ALTER ROLE x PASSWORD NULL"));
        assertEquals(null, SqlRedaction.passwords(null));
    }
}
