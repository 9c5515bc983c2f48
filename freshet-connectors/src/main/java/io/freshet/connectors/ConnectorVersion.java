package io.freshet.connectors;

/** The version Connect shows for every Freshet connector and task: the plugin jar's, or "dev" from the classes. */
public final class ConnectorVersion {

    private ConnectorVersion() {
    }

    public static String get() {
        String version = ConnectorVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
