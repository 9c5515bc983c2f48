package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.ExtractedDocument;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an extracted document needs embedding. Pure: it is given what the read model says the index
 * holds and what this instance last published. Not when the index already holds its text (same content hash),
 * nor when a newer version is already recorded (the indexer would skip it anyway). Any doubt means embed:
 * embedding again costs time, relabelling other text would be wrong. index-service checks the same rule
 * ({@link DocumentStatus#holdsText}) before it relabels, and rejects a contradiction visibly.
 */
public final class EmbedDecider {

    private final boolean skipUnchanged;

    /** @param skipUnchanged false embeds every version (for example after changing the model or the chunking) */
    public EmbedDecider(boolean skipUnchanged) {
        this.skipUnchanged = skipUnchanged;
    }

    /**
     * @param indexed       the read model's status of the document, if it has one
     * @param viewCaughtUp  false while the read model is still loading (its absence of a record means nothing yet)
     * @param lastPublished the version and text this instance last published for the document, if remembered
     */
    public EmbedDecision decide(ExtractedDocument extracted, Optional<DocumentStatus> indexed, boolean viewCaughtUp,
                                Optional<PublishedTexts.Published> lastPublished) {
        DocumentHeader document = extracted.document();
        if (document.isDelete()) {
            return new EmbedDecision.PassDelete("a delete is passed on");
        }
        if (indexed.isEmpty()) {
            return new EmbedDecision.Embed(viewCaughtUp ? "nothing recorded for it" : "the read model is still loading");
        }
        DocumentStatus content = indexed.get();
        if (content.version() > document.version()) {
            return new EmbedDecision.Stale("v" + content.version() + " is already recorded (" + content.state() + ")");
        }
        if (!skipUnchanged) {
            return new EmbedDecision.Embed("change detection is off");
        }
        if (!content.holdsText(extracted.contentHash())) {
            return new EmbedDecision.Embed("the index holds other text (" + content.state() + " v" + content.version() + ")");
        }
        if (lastPublished.isPresent() && !Objects.equals(lastPublished.get().contentHash(), extracted.contentHash())) {
            return new EmbedDecision.Embed("v" + lastPublished.get().version() + " with other text is on its way to the index");
        }
        return new EmbedDecision.Unchanged("the index holds this text (" + content.state() + " v" + content.version()
                + ", " + content.chunks() + " chunks)");
    }
}
