package org.modelcensus.serve;

import javax.security.sasl.AuthenticationException;

import org.apache.hive.service.auth.PasswdAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a JDBC/ODBC login against {@link BiCredentials} (hive.server2.authentication=CUSTOM,
 * hive.server2.custom.authentication.class=org.modelcensus.serve.BiAuthenticator). The Thrift server creates one per
 * login; the credentials are read from the server's environment each time.
 */
public final class BiAuthenticator implements PasswdAuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(BiAuthenticator.class);

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        BiCredentials expected;
        try {
            expected = BiCredentials.load(System.getenv());
        } catch (RuntimeException e) {
            LOG.error("login refused: the endpoint's credentials cannot be read: {}", e.getMessage());
            throw new AuthenticationException("login refused");
        }
        if (!expected.matches(user, password)) {
            LOG.warn("login refused for user '{}': wrong user or password", user);
            throw new AuthenticationException("wrong user or password");
        }
    }
}
