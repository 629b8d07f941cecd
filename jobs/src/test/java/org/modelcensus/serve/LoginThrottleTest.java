package org.modelcensus.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The delays of failed logins, on a clock the test moves: per user and per address, doubling, bounded, forgotten. */
class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void eachFailureWaitsTwiceAsLongUpToTheLongest() {
        assertEquals(Duration.ofMillis(250), throttle.failed("u", "10.0.0.1"));
        assertEquals(Duration.ofMillis(500), throttle.failed("u", "10.0.0.1"));
        assertEquals(Duration.ofMillis(1000), throttle.failed("u", "10.0.0.1"));
        for (int i = 0; i < 30; i++) {
            throttle.failed("u", "10.0.0.1");
        }
        assertEquals(LoginThrottle.LONGEST, throttle.failed("u", "10.0.0.1"));
    }

    @Test
    void theUserAndTheAddressCountEachOnTheirOwn() {
        throttle.failed("bi", "10.0.0.1");
        throttle.failed("bi", "10.0.0.1");
        // the same user from another address: the user's count goes on
        assertEquals(Duration.ofMillis(1000), throttle.failed("bi", "10.0.0.2"));
        // other users from the first address: the address's count goes on
        assertEquals(Duration.ofMillis(1000), throttle.failed("x", "10.0.0.1"));
        assertEquals(Duration.ofMillis(250), throttle.failed("y", "10.0.0.3"));
    }

    @Test
    void aCorrectLoginForgivesItsAddressNotTheUser() {
        throttle.failed("bi", "10.0.0.1");
        throttle.failed("bi", "10.0.0.1");
        throttle.succeeded("10.0.0.1");
        assertEquals(Duration.ofMillis(1000), throttle.failed("bi", "10.0.0.1"), "the user's failures stay");
        throttle.succeeded("10.0.0.1");
        assertEquals(Duration.ofMillis(250), throttle.failed("other", "10.0.0.1"), "the address starts again");
    }

    @Test
    void failuresAreForgottenAfterAQuietWhile() {
        throttle.failed("u", "a");
        throttle.failed("u", "a");
        now.addAndGet(LoginThrottle.FORGET.plusSeconds(1).toNanos());
        assertEquals(Duration.ofMillis(250), throttle.failed("u", "a"));
    }

    @Test
    void randomUserNamesCannotFillTheMemory() {
        for (int i = 0; i < LoginThrottle.KEYS * 2; i++) {
            throttle.failed("user-" + i, "a");
        }
        assertEquals(LoginThrottle.LONGEST, throttle.failed("again", "a"), "the address is remembered, being used");
        assertEquals(Duration.ofMillis(250), throttle.failed("user-0", "b"), "the oldest user names were let go");
    }
}
