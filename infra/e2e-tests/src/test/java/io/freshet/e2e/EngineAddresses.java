package io.freshet.e2e;

/** Where the services find the engines. */
record EngineAddresses(String kafkaBootstrapServers, String openSearchUrl) {
}
