package org.modelcensus.serve;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: every failed login waits before its answer, twice as long as the one before from the
 * same client address or for the same user name (the longer of the two), from {@link #FIRST} up to {@link #LONGEST}.
 * A key's count is forgotten {@link #FORGET} after its last failure; a successful login clears its address's count
 * (not the user's, which a guesser elsewhere may have raised). Correct logins never wait.
 *
 * <p>Waiting holds the connection's server thread, so a guesser with many connections ties up threads, not the
 * password: with at most one answer per {@link #LONGEST} and key, a long random password stays out of reach.
 * At most {@link #KEYS} keys are remembered (the oldest go first), so random user names cannot fill the memory.
 */
final class LoginThrottle {

    static final Duration FIRST = Duration.ofMillis(250);
    static final Duration LONGEST = Duration.ofSeconds(8);
    static final Duration FORGET = Duration.ofMinutes(15);
    static final int KEYS = 10_000;

    private record Failures(int count, long lastNanos) {
    }

    private final LongSupplier nanoTime;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > KEYS;
        }
    };

    LoginThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts a failed login of the user from the address; returns how long its answer waits. */
    synchronized Duration failed(String userKey, String addressKey) {
        int count = Math.max(record("user:" + userKey), record("address:" + addressKey));
        long millis = FIRST.toMillis() << Math.min(count - 1, 20);
        return Duration.ofMillis(Math.min(millis, LONGEST.toMillis()));
    }

    /** A correct login from the address: its earlier failures are forgiven. */
    synchronized void succeeded(String addressKey) {
        failures.remove("address:" + addressKey);
    }

    /** Failures of the key within {@link #FORGET}, this one included. */
    private int record(String key) {
        long now = nanoTime.getAsLong();
        Failures before = failures.get(key);
        int count = before == null || now - before.lastNanos() > FORGET.toNanos() ? 1 : before.count() + 1;
        failures.put(key, new Failures(count, now));
        return count;
    }
}
