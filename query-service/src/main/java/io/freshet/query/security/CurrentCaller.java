package io.freshet.query.security;

import io.freshet.query.access.Caller;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller the security chain established for the request on this thread; anonymous where none was. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    public static Caller get() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authenticated
                ? authenticated.caller() : Caller.anonymous();
    }
}
