package io.freshet.connectors.sharepoint;

import io.freshet.connectors.sharepoint.SharePointConfig.UserAttribute;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.ChangeLimits;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A driveItem's permissions as Freshet's ACL (pure). Users by the configured attribute, Entra groups as
 * {@code group:<object id>} (what tokens' groups claim carries), organisation links as {@link Acl#EVERYONE_IN_ORGANISATION},
 * anonymous links as public when so configured. SharePoint site groups have no Entra id and are not expanded: they map
 * to nothing. When nothing maps, the connector's default ACL applies, so a document is never public by accident.
 */
final class AclMapper {

    private static final Set<String> READING_ROLES = Set.of("read", "write", "owner");
    /** SharePoint's claims login name of an Entra user: i:0#.f|membership|upn. */
    private static final String MEMBERSHIP_CLAIM = "|membership|";

    private final UserAttribute userAttribute;
    private final boolean anonymousLinksPublic;
    private final Acl defaultAcl;

    AclMapper(UserAttribute userAttribute, boolean anonymousLinksPublic, Acl defaultAcl) {
        this.userAttribute = userAttribute;
        this.anonymousLinksPublic = anonymousLinksPublic;
        this.defaultAcl = Acl.orPrivate(defaultAcl);
    }

    /**
     * The mapped ACL and what was left out.
     *
     * @param siteGroups SharePoint site groups granted access, which the ACL cannot name
     * @param dropped    principals left out: over {@link ChangeLimits#MAX_PRINCIPAL_CHARS}, or beyond
     *                   {@link ChangeLimits#MAX_PRINCIPALS} (dropping readers is the safe direction)
     */
    record Mapping(Acl acl, boolean fromDefault, Set<String> siteGroups, int dropped) {
    }

    Mapping map(List<Permission> permissions) {
        boolean isPublic = false;
        Set<String> principals = new TreeSet<>();
        Set<String> siteGroups = new TreeSet<>();
        int dropped = 0;
        for (Permission permission : permissions) {
            if (permission.roles().stream().noneMatch(READING_ROLES::contains)) {
                continue;
            }
            String scope = permission.linkScope();
            if ("anonymous".equalsIgnoreCase(scope)) {
                isPublic |= anonymousLinksPublic;
            } else if ("organization".equalsIgnoreCase(scope)) {
                principals.add(Acl.EVERYONE_IN_ORGANISATION);
            }
            // A "users" link, an invitation or a direct grant: the people it names. ("existingAccess" names nobody.)
            for (Permission.Grantee grantee : permission.grantees()) {
                if (grantee.groupId() != null) {
                    principals.add(Acl.GROUP_PREFIX + grantee.groupId());
                }
                String user = user(grantee);
                if (user != null) {
                    principals.add(user);
                } else if (grantee.siteGroupName() != null && grantee.groupId() == null) {
                    siteGroups.add(grantee.siteGroupName());
                }
            }
        }
        int before = principals.size();
        principals.removeIf(p -> p.isBlank() || p.length() > ChangeLimits.MAX_PRINCIPAL_CHARS
                || p.chars().anyMatch(Character::isISOControl));
        dropped += before - principals.size();
        List<String> kept = principals.stream().limit(ChangeLimits.MAX_PRINCIPALS).toList();
        dropped += principals.size() - kept.size();
        if (!isPublic && kept.isEmpty()) {
            return new Mapping(defaultAcl, true, siteGroups, dropped);
        }
        return new Mapping(new Acl(isPublic, isPublic ? List.of() : kept), false, siteGroups, dropped);
    }

    /** The user a grantee names, per the configured attribute; null when it names no user that way. */
    String user(Permission.Grantee g) {
        String user = switch (userAttribute) {
            case ID -> g.userId();
            case EMAIL -> g.userEmail() != null ? g.userEmail() : g.siteUserEmail();
            case USER_PRINCIPAL_NAME -> g.userPrincipalName() != null ? g.userPrincipalName()
                    : upnFromLoginName(g.siteUserLoginName());
        };
        // A user cannot be named like a group or the organisation (query-service refuses such names too).
        if (user == null || user.isBlank() || user.startsWith(Acl.GROUP_PREFIX) || user.startsWith("org:")) {
            return null;
        }
        return user;
    }

    static String upnFromLoginName(String loginName) {
        if (loginName == null) {
            return null;
        }
        int at = loginName.indexOf(MEMBERSHIP_CLAIM);
        if (at < 0) {
            return null;
        }
        String upn = loginName.substring(at + MEMBERSHIP_CLAIM.length());
        return upn.isBlank() ? null : upn;
    }
}
