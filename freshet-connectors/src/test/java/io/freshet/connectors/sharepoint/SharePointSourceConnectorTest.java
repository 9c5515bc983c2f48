package io.freshet.connectors.sharepoint;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharePointSourceConnectorTest {

    private static Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put(SharePointConfig.GRAPH_TENANT_ID, "t");
        props.put(SharePointConfig.GRAPH_CLIENT_ID, "c");
        props.put(SharePointConfig.GRAPH_CLIENT_SECRET, "s");
        props.put(SharePointConfig.DRIVE_IDS, "d1,d2,d3");
        props.put(SharePointConfig.SITE_IDS, "host,1,2; host,3,4");
        return props;
    }

    @Test
    void drivesAndSitesAreSpreadOverAtMostMaxTasks() {
        SharePointSourceConnector connector = new SharePointSourceConnector();
        connector.start(props());

        List<Map<String, String>> two = connector.taskConfigs(2);
        assertThat(two).hasSize(2);
        List<String> drives = two.stream().flatMap(t -> new SharePointConfig(t).driveIds().stream()).toList();
        List<String> sites = two.stream().flatMap(t -> new SharePointConfig(t).siteIds().stream()).toList();
        assertThat(drives).containsExactlyInAnyOrder("d1", "d2", "d3");
        assertThat(sites).containsExactlyInAnyOrder("host,1,2", "host,3,4");

        assertThat(connector.taskConfigs(10)).hasSize(5);
        assertThat(connector.taskConfigs(1)).hasSize(1);
    }

    @Test
    void theConfigurationIsValidated() {
        Map<String, String> nothing = props();
        nothing.remove(SharePointConfig.DRIVE_IDS);
        nothing.remove(SharePointConfig.SITE_IDS);
        assertThatThrownBy(() -> new SharePointConfig(nothing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SharePointConfig.DRIVE_IDS);

        Map<String, String> tooLarge = props();
        tooLarge.put(SharePointConfig.CONTENT_INLINE_MAX_BYTES, Long.toString(16L * 1024 * 1024));
        assertThatThrownBy(() -> new SharePointConfig(tooLarge)).isInstanceOf(ConfigException.class);

        Map<String, String> badAttribute = props();
        badAttribute.put(SharePointConfig.ACL_USER_ATTRIBUTE, "displayName");
        assertThatThrownBy(() -> new SharePointConfig(badAttribute)).isInstanceOf(ConfigException.class);

        SharePointConfig config = new SharePointConfig(props());
        assertThat(config.tokenEndpoint().toString()).isEqualTo("https://login.microsoftonline.com/t/oauth2/v2.0/token");
        assertThat(config.userAttribute()).isEqualTo(SharePointConfig.UserAttribute.ID);
        assertThat(config.anonymousLinksPublic()).isTrue();
        assertThat(config.pollInterval().toSeconds()).isEqualTo(30);
        assertThat(config.clientSecret().toString()).doesNotContain("s").isEqualTo("[hidden]");
    }
}
