package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who may read a document: everyone ({@code public}), or only the listed users and groups.
 * A missing ACL is treated as private with no principals, so a connector that forgets it leaks nothing.
 * {@code public} means anyone who may call the query API at all; principals are users (as the identity provider
 * names them), groups ({@code group:<name>}) and {@link #EVERYONE_IN_ORGANISATION}.
 */
public record Acl(@JsonProperty("public") boolean isPublic, List<String> principals) {

    /**
     * The principal every authenticated caller of the organisation holds (SharePoint's "Everyone except external
     * users"), never an anonymous one: a document shared with the whole organisation lists it.
     */
    public static final String EVERYONE_IN_ORGANISATION = "org:everyone";

    /** How a group named in a token appears in an ACL: group {@code hr} is {@code group:hr}. */
    public static final String GROUP_PREFIX = "group:";

    public Acl {
        principals = principals == null ? List.of() : List.copyOf(principals);
    }

    public static Acl publicAcl() {
        return new Acl(true, List.of());
    }

    public static Acl restrictedTo(String... principals) {
        return new Acl(false, List.of(principals));
    }

    public static Acl orPrivate(Acl acl) {
        return Objects.requireNonNullElseGet(acl, () -> new Acl(false, List.of()));
    }

    /** True when a caller holding {@code callerPrincipals} may read the document. */
    public boolean permits(Set<String> callerPrincipals) {
        return isPublic || principals.stream().anyMatch(callerPrincipals::contains);
    }
}
