package io.freshet.query.access;

import io.freshet.contract.event.Acl;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who is asking, as the security layer established it: the user (for the audit log) and the ACL principals the
 * caller holds. Built only here, so the mapping from an identity to principals is stated once: a user holds their
 * own name, {@code group:<name>} for each group, and {@link Acl#EVERYONE_IN_ORGANISATION} once authenticated; an
 * anonymous caller (where an operator allows one) holds nothing and reads public documents only.
 */
public record Caller(String user, Set<String> principals, boolean authenticated) {

    public Caller {
        principals = Set.copyOf(principals);
    }

    public static Caller anonymous() {
        return new Caller(null, Set.of(), false);
    }

    /** An authenticated person or app, from a validated token. */
    public static Caller authenticated(String user, Collection<String> groups) {
        if (isReservedName(user)) {
            throw new IllegalArgumentException("a user cannot be named like a group or the organisation: " + user);
        }
        Set<String> held = new LinkedHashSet<>();
        held.add(user);
        for (String group : groups) {
            if (group != null && !group.isBlank()) {
                held.add(Acl.GROUP_PREFIX + group.strip());
            }
        }
        held.add(Acl.EVERYONE_IN_ORGANISATION);
        return new Caller(user, held, true);
    }

    /**
     * A caller an authenticating proxy vouched for with principals already in ACL form. The first principal that is
     * not a group names the user for the audit log.
     */
    public static Caller vouchedFor(Collection<String> principals) {
        if (principals.isEmpty()) {
            return anonymous();
        }
        Set<String> held = new LinkedHashSet<>(principals);
        held.add(Acl.EVERYONE_IN_ORGANISATION);
        String user = principals.stream().filter(p -> !p.contains(":")).findFirst().orElse(principals.iterator().next());
        return new Caller(user, held, true);
    }

    /**
     * Users and groups share one principal namespace, and only groups carry a prefix: a user named {@code group:hr}
     * (a self-chosen username) would hold that group's documents, so such a name is no user's.
     */
    public static boolean isReservedName(String user) {
        return user.startsWith(Acl.GROUP_PREFIX) || user.startsWith("org:");
    }

    /** The one readability rule: a document without an ACL is readable by nobody. */
    public boolean mayRead(Acl acl) {
        return acl != null && acl.permits(principals);
    }
}
