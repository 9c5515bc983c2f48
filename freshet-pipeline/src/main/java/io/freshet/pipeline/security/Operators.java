package io.freshet.pipeline.security;

/**
 * Who operates Freshet, for the services that authenticate callers: members of a group (by default
 * {@value #DEFAULT_GROUP}, named in the token's {@code groups} claim) get the role {@value #ROLE}, which is what
 * {@code management.endpoint.health.roles} lets see the health details on the management port.
 */
public final class Operators {

    public static final String DEFAULT_GROUP = "freshet-operators";
    public static final String ROLE = "OPERATOR";
    public static final String AUTHORITY = "ROLE_" + ROLE;

    private Operators() {
    }
}
