package io.freshet.contract.event;

/** What a change does to a document: create-or-replace it, or remove it. */
public enum Operation {
    UPSERT,
    DELETE
}
