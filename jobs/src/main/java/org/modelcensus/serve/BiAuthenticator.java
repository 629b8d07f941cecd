package org.modelcensus.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import javax.security.sasl.AuthenticationException;

import org.apache.hive.service.auth.PasswdAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a JDBC/ODBC login against {@link BiCredentials} (hive.server2.authentication=CUSTOM,
 * hive.server2.custom.authentication.class=org.modelcensus.serve.BiAuthenticator). The Thrift server creates one per
 * login; the credentials are read from the server's environment each time. A failed login is logged, with the user
 * name only when it is the BI user's (anything else could be a password typed into the wrong field: it is logged as a
 * short hash), and answered late ({@link LoginThrottle}).
 */
public final class BiAuthenticator implements PasswdAuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(BiAuthenticator.class);
    private static final LoginThrottle THROTTLE = new LoginThrottle(System::nanoTime);

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        BiCredentials expected;
        try {
            expected = BiCredentials.load(System.getenv());
        } catch (RuntimeException e) {
            LOG.error("login refused: the endpoint's credentials cannot be read: {}", e.getMessage());
            throw new AuthenticationException("login refused");
        }
        String address = ThriftConnections.clientAddress();
        if (expected.matches(user, password)) {
            THROTTLE.succeeded(address);
            return;
        }
        String who = logName(user, expected);
        Duration delay = THROTTLE.failed(who, address);
        LOG.warn("login refused for {} from {}: wrong user or password (answered after {} ms)", who, address, delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AuthenticationException("wrong user or password");
    }

    /** The BI user's name as it is; any other text as "unknown user #<8 hex digits of its SHA-256>". */
    static String logName(String user, BiCredentials expected) {
        if (user != null && MessageDigest.isEqual(expected.user().getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8))) {
            return "user " + expected.user();
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.valueOf(user).getBytes(StandardCharsets.UTF_8));
            return "unknown user #" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
