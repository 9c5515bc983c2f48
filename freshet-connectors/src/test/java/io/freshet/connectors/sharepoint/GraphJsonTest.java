package io.freshet.connectors.sharepoint;

import io.freshet.connectors.http.SourceUnavailableException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private JsonNode json(String s) {
        return mapper.readTree(s.replace('\'', '"'));
    }

    @Test
    void readsADeltaPageOfFilesFoldersAndDeletes() {
        DeltaPage page = GraphJson.deltaPage(json("""
                {'value': [
                  {'id': 'r', 'name': 'root', 'root': {}, 'folder': {'childCount': 1}},
                  {'id': 'f', 'name': 'a.pdf', 'size': 12, 'webUrl': 'https://x/a.pdf', 'eTag': 'e', 'cTag': 'c',
                   'lastModifiedDateTime': '2026-11-23T10:15:30.123+01:00',
                   'lastModifiedBy': {'user': {'displayName': 'Ann', 'email': 'ann@x.com'}},
                   'parentReference': {'path': '/drives/d/root:/Policies'}, 'file': {'mimeType': 'application/pdf'},
                   '@microsoft.graph.downloadUrl': 'https://dl/x', '@microsoft.graph.sharedChanged': 'True'},
                  {'id': 'n', 'package': {'type': 'oneNote'}},
                  {'id': 'g', 'deleted': {'state': 'deleted'}},
                  {'id': 'h', '@removed': {'reason': 'deleted'}}
                ], '@odata.nextLink': 'https://graph/next'}"""));

        assertThat(page.nextLink()).isEqualTo("https://graph/next");
        assertThat(page.isLast()).isFalse();
        assertThat(page.items()).extracting(DriveItem::kind).containsExactly(DriveItem.Kind.ROOT, DriveItem.Kind.FILE,
                DriveItem.Kind.PACKAGE, DriveItem.Kind.OTHER, DriveItem.Kind.OTHER);
        DriveItem file = page.items().get(1);
        assertThat(file).isEqualTo(new DriveItem("f", DriveItem.Kind.FILE, false, true, "a.pdf", "https://x/a.pdf",
                "application/pdf", 12L, Instant.parse("2026-11-23T09:15:30.123Z"), "ann@x.com", "e", "c",
                "/drives/d/root:/Policies", "https://dl/x"));
        assertThat(page.items().get(3).deleted()).isTrue();
        assertThat(page.items().get(4).deleted()).isTrue();
    }

    @Test
    void aPageWithoutItsLinkIsGraphNotAnsweringProperly() {
        assertThatThrownBy(() -> GraphJson.deltaPage(json("{'value': []}")))
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void readsPermissionsOfEveryShape() {
        GraphJson.PermissionPage page = GraphJson.permissions(json("""
                {'value': [
                  {'id': '1', 'roles': ['read'], 'grantedToV2': {'user': {'id': 'u1', 'email': 'a@x'},
                                                                'siteUser': {'loginName': 'i:0#.f|membership|a@x'}}},
                  {'id': '2', 'roles': ['write'], 'grantedToV2': {'group': {'id': 'g1'}}},
                  {'id': '3', 'roles': ['read'], 'link': {'scope': 'users'},
                   'grantedToIdentitiesV2': [{'user': {'id': 'u2'}}, {'user': {'id': 'u3'}}]},
                  {'id': '4', 'roles': ['owner'], 'grantedToV2': {'siteGroup': {'displayName': 'Owners'}}}
                ], '@odata.nextLink': 'https://graph/p2'}"""));

        assertThat(page.nextLink()).isEqualTo("https://graph/p2");
        assertThat(page.permissions()).hasSize(4);
        assertThat(page.permissions().get(0).grantees().get(0))
                .isEqualTo(new Permission.Grantee("u1", "a@x", null, null, "i:0#.f|membership|a@x", null, null));
        assertThat(page.permissions().get(1).grantees().get(0).groupId()).isEqualTo("g1");
        assertThat(page.permissions().get(2).linkScope()).isEqualTo("users");
        assertThat(page.permissions().get(2).grantees()).extracting(Permission.Grantee::userId)
                .containsExactly("u2", "u3");
        assertThat(page.permissions().get(3).grantees().get(0).siteGroupName()).isEqualTo("Owners");
    }
}
