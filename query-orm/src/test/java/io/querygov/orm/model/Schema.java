package io.querygov.orm.model;

/** The tables of the test model, and a few rows: 3 users, 12 projects of user 1 with 3 tasks each. */
public final class Schema {
    public static final String[] DDL = {
        "create table app_user (id bigserial primary key, name text not null, email text not null unique)",
        "create table project (id bigserial primary key, name text not null,"
                + " owner_id bigint not null references app_user, settings jsonb not null default '{}')",
        "create table task (id bigserial primary key, project_id bigint not null references project,"
                + " assignee_id bigint references app_user, title text not null, done boolean not null default false)",
        "insert into app_user (name, email) values ('ada', 'ada@example.org'), ('bob', 'bob@example.org'),"
                + " ('cy', 'cy@example.org')",
        "insert into project (name, owner_id, settings) select 'project ' || g, 1, jsonb_build_object('rank', g)"
                + " from generate_series(1, 12) g",
        "insert into task (project_id, assignee_id, title) select p.id, 1 + (t % 3), 'task ' || t"
                + " from project p cross join generate_series(1, 3) t",
    };

    public static final Class<?>[] ENTITIES = {AppUser.class, Project.class, Task.class};

    private Schema() {
    }
}
