package io.freshet.connectors.sharepoint;

import java.util.List;

/**
 * One entry of a driveItem's permissions: its roles, the sharing link's scope when it is a link, and who it is
 * granted to (grantedToV2 and grantedToIdentitiesV2 together).
 */
public record Permission(List<String> roles, String linkScope, List<Grantee> grantees) {

    public Permission {
        roles = roles == null ? List.of() : List.copyOf(roles);
        grantees = grantees == null ? List.of() : List.copyOf(grantees);
    }

    /**
     * One sharePointIdentitySet: a Graph user, an Entra group, a SharePoint site user (its claims login name), or a
     * SharePoint site group (which has no Entra id). Fields are null when absent.
     */
    public record Grantee(String userId, String userEmail, String userPrincipalName, String groupId,
                          String siteUserLoginName, String siteUserEmail, String siteGroupName) {

        public static Grantee user(String id, String email) {
            return new Grantee(id, email, null, null, null, null, null);
        }

        public static Grantee group(String id) {
            return new Grantee(null, null, null, id, null, null, null);
        }

        public static Grantee siteUser(String loginName, String email) {
            return new Grantee(null, null, null, null, loginName, email, null);
        }

        public static Grantee siteGroup(String name) {
            return new Grantee(null, null, null, null, null, null, name);
        }
    }
}
