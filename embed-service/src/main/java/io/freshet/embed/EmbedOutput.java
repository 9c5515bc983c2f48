package io.freshet.embed;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;

/** Where embed-service's results go; each call returns once they are durably there. */
public interface EmbedOutput {

    /** @throws DocumentRejectedException when the event can never be published (over the size limit) */
    void embedded(EmbeddedDocument embedded);

    void rejected(DocumentStatus rejection);
}
