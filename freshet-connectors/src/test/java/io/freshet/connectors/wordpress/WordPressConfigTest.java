package io.freshet.connectors.wordpress;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordPressConfigTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("wordpress.url", "https://example.com/");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void defaults() {
        WordPressConfig config = new WordPressConfig(props());

        assertThat(config.siteUrl().toString()).isEqualTo("https://example.com");
        assertThat(config.postTypes()).containsExactly("posts", "pages");
        assertThat(config.hasCredentials()).isFalse();
        assertThat(config.pollInterval().toSeconds()).isEqualTo(30);
        assertThat(config.reconcileInterval().toHours()).isEqualTo(1);
        assertThat(config.getBoolean("acl.public")).as("private unless configured").isFalse();
        assertThat(config.getString("source.name")).isEqualTo("wordpress");
    }

    @Test
    void credentialsComeInPairsAndOnlyOverHttps() {
        assertThatThrownBy(() -> new WordPressConfig(props("wordpress.username", "freshet")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set both");
        assertThatThrownBy(() -> new WordPressConfig(props("wordpress.url", "http://example.com",
                "wordpress.username", "freshet", "wordpress.password", "secret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only over https")
                .hasMessageNotContaining("secret");
        assertThat(new WordPressConfig(props("wordpress.url", "http://127.0.0.1:8080",
                "wordpress.username", "freshet", "wordpress.password", "secret")).hasCredentials()).isTrue();
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new WordPressConfig(props("wordpress.url", "ftp://example.com")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new WordPressConfig(props("wordpress.url", "https://user:pw@example.com")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new WordPressConfig(props("wordpress.post.types", "posts,../users")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new WordPressConfig(props("wordpress.page.size", "101")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void tasksShareThePostTypesOut() {
        WordPressSourceConnector connector = new WordPressSourceConnector();
        connector.start(props("wordpress.post.types", "posts,pages,docs"));

        List<Map<String, String>> two = connector.taskConfigs(2);
        List<Map<String, String>> many = connector.taskConfigs(8);

        assertThat(two).extracting(c -> c.get("wordpress.task.post.types")).containsExactly("posts,pages", "docs");
        assertThat(many).extracting(c -> c.get("wordpress.task.post.types")).containsExactly("posts", "pages", "docs");
        assertThat(new WordPressConfig(two.get(1)).taskPostTypes()).containsExactly("docs");
    }
}
