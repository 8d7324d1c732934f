package io.querygov.examples.model;

import java.util.Objects;

/**
 * A project's settings, stored as a JSON document in {@code projects.settings}.
 *
 * @param timezone the IANA time zone its reports use, e.g. {@code Europe/Berlin}
 * @param currency the ISO 4217 code amounts are reconciled in
 * @param retentionDays how long finished jobs are kept before they are archived
 * @param notifications where failures are reported
 */
public record ProjectSettings(String timezone, String currency, int retentionDays, Notifications notifications) {

    public ProjectSettings {
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(currency, "currency");
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1, was " + retentionDays);
        }
        Objects.requireNonNull(notifications, "notifications");
    }

    /**
     * Where failures are reported.
     *
     * @param email to the project's owner by e-mail
     * @param slack to the project's Slack channel
     */
    public record Notifications(boolean email, boolean slack) {
    }
}
