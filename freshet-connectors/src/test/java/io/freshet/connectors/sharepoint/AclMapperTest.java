package io.freshet.connectors.sharepoint;

import io.freshet.connectors.sharepoint.Permission.Grantee;
import io.freshet.connectors.sharepoint.SharePointConfig.UserAttribute;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.ChangeLimits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AclMapperTest {

    private static final Acl PRIVATE = new Acl(false, List.of());
    private final AclMapper byId = new AclMapper(UserAttribute.ID, true, PRIVATE);

    private static Permission direct(String role, Grantee... grantees) {
        return new Permission(List.of(role), null, List.of(grantees));
    }

    private static Permission link(String scope, Grantee... grantees) {
        return new Permission(List.of("read"), scope, List.of(grantees));
    }

    private static final Grantee ALICE = new Grantee("oid-alice", "alice@contoso.com", null, null,
            "i:0#.f|membership|alice.upn@contoso.com", "alice@contoso.com", null);

    @Test
    void usersAreNamedByTheConfiguredAttribute() {
        assertThat(byId.map(List.of(direct("read", ALICE))).acl()).isEqualTo(Acl.restrictedTo("oid-alice"));
        assertThat(new AclMapper(UserAttribute.EMAIL, true, PRIVATE).map(List.of(direct("write", ALICE))).acl())
                .isEqualTo(Acl.restrictedTo("alice@contoso.com"));
        // No userPrincipalName on the Graph user: the SharePoint claims login name carries it.
        assertThat(new AclMapper(UserAttribute.USER_PRINCIPAL_NAME, true, PRIVATE).map(List.of(direct("owner", ALICE)))
                .acl()).isEqualTo(Acl.restrictedTo("alice.upn@contoso.com"));
    }

    @Test
    void groupsOrganisationAndAnonymousLinks() {
        AclMapper.Mapping mapping = byId.map(List.of(direct("read", Grantee.group("gid-1")), link("organization")));
        assertThat(mapping.acl().principals()).containsExactlyInAnyOrder("group:gid-1", Acl.EVERYONE_IN_ORGANISATION);
        assertThat(mapping.fromDefault()).isFalse();

        assertThat(byId.map(List.of(link("anonymous"), direct("read", ALICE))).acl().isPublic()).isTrue();
        AclMapper ignoringAnonymous = new AclMapper(UserAttribute.ID, false, PRIVATE);
        assertThat(ignoringAnonymous.map(List.of(link("anonymous"), direct("read", ALICE))).acl())
                .isEqualTo(Acl.restrictedTo("oid-alice"));
    }

    @Test
    void aSpecificPeopleLinkGrantsItsIdentities() {
        Grantee bob = Grantee.user("oid-bob", "bob@contoso.com");
        assertThat(byId.map(List.of(link("users", ALICE, bob))).acl().principals())
                .containsExactlyInAnyOrder("oid-alice", "oid-bob");
    }

    @Test
    void nothingMappableGivesTheDefaultAclNeverPublic() {
        AclMapper.Mapping siteGroupOnly = byId.map(List.of(direct("write", Grantee.siteGroup("Members"))));
        assertThat(siteGroupOnly.acl()).isEqualTo(PRIVATE);
        assertThat(siteGroupOnly.fromDefault()).isTrue();
        assertThat(siteGroupOnly.siteGroups()).containsExactly("Members");

        assertThat(byId.map(List.of()).acl()).isEqualTo(PRIVATE);
        Acl operators = Acl.restrictedTo("group:sharepoint-readers");
        assertThat(new AclMapper(UserAttribute.ID, true, operators).map(List.of()).acl()).isEqualTo(operators);
    }

    @Test
    void rolesOtherThanReadWriteOwnerGrantNothing() {
        assertThat(byId.map(List.of(direct("sp.limited access", ALICE))).fromDefault()).isTrue();
        assertThat(byId.map(List.of(new Permission(List.of(), "organization", List.of()))).fromDefault()).isTrue();
    }

    @Test
    void aSiteUserWithoutAnEntraIdIsNotNamedById() {
        Grantee siteUserOnly = Grantee.siteUser("i:0#.f|membership|carol@contoso.com", "carol@contoso.com");
        assertThat(byId.map(List.of(direct("read", siteUserOnly))).fromDefault()).isTrue();
        assertThat(new AclMapper(UserAttribute.EMAIL, true, PRIVATE).map(List.of(direct("read", siteUserOnly))).acl())
                .isEqualTo(Acl.restrictedTo("carol@contoso.com"));
    }

    @Test
    void principalsStayWithinTheContractsLimits() {
        List<Permission> many = IntStream.range(0, ChangeLimits.MAX_PRINCIPALS + 10)
                .mapToObj(i -> direct("read", Grantee.group("g" + i))).toList();
        AclMapper.Mapping mapping = byId.map(many);
        assertThat(mapping.acl().principals()).hasSize(ChangeLimits.MAX_PRINCIPALS);
        assertThat(mapping.dropped()).isEqualTo(10);

        Grantee tooLong = Grantee.user("x".repeat(ChangeLimits.MAX_PRINCIPAL_CHARS + 1), null);
        assertThat(byId.map(List.of(direct("read", tooLong), direct("read", ALICE))).acl())
                .isEqualTo(Acl.restrictedTo("oid-alice"));
    }

    @Test
    void aUserCannotBeNamedLikeAGroupOrTheOrganisation() {
        Grantee forged = Grantee.user("group:admins", null);
        assertThat(byId.map(List.of(direct("read", forged))).fromDefault()).isTrue();
    }
}
