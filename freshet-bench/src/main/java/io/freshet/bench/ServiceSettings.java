package io.freshet.bench;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The settings a service runs with, as far as the benchmark needs them: the application.yml packaged in its jar,
 * overridden by the benchmark's {@code --service-arg}s. So the bare-model baseline uses embed-service's threads and
 * batch size, and the k-NN recall phase query-service's candidate count, whatever they are configured to.
 * Keys compare as Spring's relaxed binding does for these simple cases: case and dashes do not matter.
 */
public final class ServiceSettings {

    private static final String PACKAGED_YAML = "BOOT-INF/classes/application.yml";

    private final Map<String, String> values = new LinkedHashMap<>();

    private ServiceSettings() {
    }

    public static ServiceSettings of(Path serviceJar, Map<String, String> overrides) {
        ServiceSettings settings = new ServiceSettings();
        if (Files.isRegularFile(serviceJar)) {
            try (ZipFile jar = new ZipFile(serviceJar.toFile())) {
                ZipEntry entry = jar.getEntry(PACKAGED_YAML);
                if (entry != null) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        for (Object document : new Yaml().loadAll(in)) {
                            settings.flatten("", document);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the settings packaged in " + serviceJar, e);
            }
        }
        overrides.forEach((key, value) -> settings.values.put(normalise(key), value));
        return settings;
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(normalise(key), defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return Integer.parseInt(get(key, String.valueOf(defaultValue)).strip());
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return Boolean.parseBoolean(get(key, String.valueOf(defaultValue)).strip());
    }

    @SuppressWarnings("unchecked")
    private void flatten(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).forEach((key, value) ->
                    flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value));
        } else if (node != null) {
            values.put(normalise(prefix), String.valueOf(node));
        }
    }

    private static String normalise(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
