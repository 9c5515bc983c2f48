package io.freshet.contract.event;

/** Where a document stands, as GET /v1/documents/{id} reports it. */
public enum DocumentState {
    PENDING,
    INDEXED,
    REJECTED,
    DELETED
}
