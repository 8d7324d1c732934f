package io.querygov.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querygov.core.SqlFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names of statements Hibernate runs outside any query or load, before a factory is bound. */
class SessionFactoryModelTest {
    private final SessionFactoryModel model = new SessionFactoryModel();
    private final ShapeCache shapes = new ShapeCache(3);

    private String name(String sql) {
        return model.unframedName(shapes.shape(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            insert:project      | insert into project (name,owner_id) values (?,?) returning id
            update:project      | update project set name=? where id=?
            delete:project_tags | delete from "public"."project_tags" where project_id=?
            merge:task          | merge into task as t using (values (?)) s(id) on t.id = s.id when matched then do nothing
            """)
    void writesAreNamedByVerbAndTable(String expected, String sql) {
        assertEquals(expected, name(sql));
    }

    @Test
    void sequencesAreNamedBySequence() {
        assertEquals("nextval:project_seq", name("select nextval('project_seq')"));
    }

    @Test
    void anythingElseIsNamedByFingerprint() {
        String sql = "set transaction read only";
        assertEquals("sql:" + SqlFingerprint.of(sql).id(), name(sql));
    }

    @Test
    void tableKeysIgnoreSchemaQuotesAndCase() {
        assertEquals("app_user", SessionFactoryModel.tableKey("\"Public\".\"APP_USER\""));
        assertEquals("app_user", SessionFactoryModel.tableKey("app_user"));
    }
}
