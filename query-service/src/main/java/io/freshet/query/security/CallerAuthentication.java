package io.freshet.query.security;

import io.freshet.contract.event.Acl;
import io.freshet.pipeline.security.Operators;
import io.freshet.query.access.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** An authenticated caller, whichever way it was established (a token, or a proxy's header); operators have a role. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller, String operatorGroup) {
        super(caller.principals().contains(Acl.GROUP_PREFIX + operatorGroup)
                ? AuthorityUtils.createAuthorityList(Operators.AUTHORITY)
                : AuthorityUtils.NO_AUTHORITIES);
        this.caller = caller;
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return ""; // the token is not kept: nothing downstream needs it, and nothing can log it
    }

    @Override
    public Object getPrincipal() {
        return caller.user();
    }
}
