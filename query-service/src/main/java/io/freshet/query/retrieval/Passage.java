package io.freshet.query.retrieval;

import io.freshet.contract.event.Acl;

/**
 * One indexed chunk as retrieval returns it; {@code page} and {@code origin} are null when unknown. {@code acl} is
 * the chunk's own, checked again before the passage leaves the service; null (unknown) means nobody may read it.
 */
public record Passage(String chunkId, String documentId, String title, String url, String text, Integer page,
                      String origin, Acl acl) {
}
