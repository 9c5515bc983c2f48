package io.freshet.ingest.security;

import io.freshet.pipeline.security.Operators;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * An authenticated connector, whichever credential it presented; the intake reads its grants from
 * {@link #getPrincipal()}.
 */
public final class ConnectorAuthentication extends AbstractAuthenticationToken {

    private final Connector connector;
    private final transient Object credential;

    /** {@code credential}: the validated JWT, or null for an API key (its secret is not kept). */
    ConnectorAuthentication(Connector connector, Object credential) {
        this(connector, credential, false);
    }

    /** {@code operator}: the token names the operators' group, so it may see health details. */
    ConnectorAuthentication(Connector connector, Object credential, boolean operator) {
        super(operator ? AuthorityUtils.createAuthorityList("ROLE_CONNECTOR", Operators.AUTHORITY)
                : AuthorityUtils.createAuthorityList("ROLE_CONNECTOR"));
        this.connector = connector;
        this.credential = credential;
        setAuthenticated(true);
    }

    @Override
    public Connector getPrincipal() {
        return connector;
    }

    @Override
    public Object getCredentials() {
        return credential;
    }

    @Override
    public String getName() {
        return connector.name();
    }
}
