package io.querygov.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JoinCounterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | select p.id from project p where p.id = ?
            1 | select * from project p join app_user u on u.id = p.owner_id
            2 | SELECT * FROM project p LEFT OUTER JOIN task t ON t.project_id = p.id INNER JOIN app_user u ON u.id = t.assignee_id
            3 | select * from a cross join b full join c on true natural join d
            """)
    void countsEveryKindOfJoinKeyword(int joins, String sql) {
        assertEquals(joins, JoinCounter.count(sql));
    }

    @Test
    void hibernateSqlWithTwoAndThreeJoins() {
        String two = "select t1_0.id,t1_0.title from task t1_0 join project p1_0 on p1_0.id=t1_0.project_id"
                + " join app_user o1_0 on o1_0.id=p1_0.owner_id where o1_0.name=?";
        String three = two.replace(" where", " join app_user a1_0 on a1_0.id=t1_0.assignee_id where");
        assertEquals(2, JoinCounter.count(two));
        assertEquals(3, JoinCounter.count(three));
    }

    @Test
    void commaSeparatedTablesInFromAreJoins() {
        assertEquals(2, JoinCounter.count("select * from a, b, c where a.id = b.id and b.id = c.id"));
        assertEquals(1, JoinCounter.count("select a.x, a.y, a.z from a, b where a.id = b.id order by a.x, a.y"));
    }

    @Test
    void subqueriesCountButFunctionArgumentsDoNot() {
        assertEquals(2, JoinCounter.count("select * from a join b on a.id = b.id where exists"
                + " (select 1 from c join d on c.id = d.id where c.a = a.id)"));
        assertEquals(0, JoinCounter.count("select coalesce(a.x, a.y), extract(year from a.t), substring(a.s from 2 for 3)"
                + " from a where a.z in (1, 2, 3)"));
        assertEquals(1, JoinCounter.count("select * from (select x, y from a, b) s where s.x = 1"));
    }

    @Test
    void wordsInLiteralsCommentsAndQuotedNamesAreNotJoins() {
        assertEquals(0, JoinCounter.count("select 'left join' as \"join\" from a -- join b\n where /* join c */ a.x = 1"));
    }
}
