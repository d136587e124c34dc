package io.kvcompliance.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a Retry-After header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait it asks for, capped at max; a date in the past means now; an unreadable value means absent. */
    public static Optional<Duration> parse(String header, Clock clock, Duration max) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.trim();
        Duration wait;
        if (v.chars().allMatch(Character::isDigit)) {
            wait = v.length() > 9 ? max : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                wait = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        wait = wait.isNegative() ? Duration.ZERO : wait;
        return Optional.of(wait.compareTo(max) > 0 ? max : wait);
    }
}
