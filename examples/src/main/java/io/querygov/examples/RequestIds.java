package io.querygov.examples;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

/**
 * The ids the example service's requests ask for: every user, e-mail address and project, read once. Projects and
 * users are picked uniformly, or by a Zipf law over id order (a few asked for far more often); e-mail addresses
 * always uniformly.
 */
final class RequestIds {
    private final List<UUID> users;
    private final List<String> emails;
    private final List<UUID> projects;
    /** Null for uniform picks. */
    private final Zipf userPicks;
    private final Zipf projectPicks;

    private RequestIds(List<UUID> users, List<String> emails, List<UUID> projects, double zipfExponent) {
        this.users = users;
        this.emails = emails;
        this.projects = projects;
        this.userPicks = zipfExponent > 0 ? new Zipf(users.size(), zipfExponent) : null;
        this.projectPicks = zipfExponent > 0 ? new Zipf(projects.size(), zipfExponent) : null;
    }

    /**
     * The ids in the database {@code jdbi} reaches; picked by a Zipf law with {@code zipfExponent} when it is above 0.
     *
     * @throws IllegalStateException if there are no users or no projects
     */
    static RequestIds read(Jdbi jdbi, double zipfExponent) {
        List<UUID> users = jdbi.withHandle(h -> h.createQuery("SELECT id FROM users ORDER BY id")
                .mapTo(UUID.class).list());
        List<String> emails = jdbi.withHandle(h -> h.createQuery("SELECT email FROM users ORDER BY id")
                .mapTo(String.class).list());
        List<UUID> projects = jdbi.withHandle(h -> h.createQuery("SELECT id FROM projects ORDER BY id")
                .mapTo(UUID.class).list());
        if (users.isEmpty() || projects.isEmpty()) {
            throw new IllegalStateException("The example service needs data: load it with ExampleData.ofScale(..)");
        }
        return new RequestIds(users, emails, projects, zipfExponent);
    }

    UUID project(SplittableRandom random) {
        return pick(random, projects, projectPicks);
    }

    UUID user(SplittableRandom random) {
        return pick(random, users, userPicks);
    }

    String email(SplittableRandom random) {
        return pick(random, emails, null);
    }

    private static <T> T pick(SplittableRandom random, List<T> values, Zipf zipf) {
        return values.get(zipf != null ? zipf.sample(random.nextDouble()) : random.nextInt(values.size()));
    }
}
