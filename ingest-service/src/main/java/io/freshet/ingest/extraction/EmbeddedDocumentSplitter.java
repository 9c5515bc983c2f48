package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Parses each embedded document (mail attachment, archive member, embedded office object) into its OWN
 * sections with an origin such as "attachment: report.pdf" (nested: "attachment: a.zip > b.docx"),
 * instead of mixing its text into the container's. A failing attachment is skipped with a warning: only
 * the container's own failure rejects a document. One instance serves one parse.
 */
final class EmbeddedDocumentSplitter implements EmbeddedDocumentExtractor {

    /** Renderings of the same content or parser internals: their text would only duplicate or pollute. */
    private static final Set<String> SKIPPED_TYPES = Set.of(
            TikaCoreProperties.EmbeddedResourceType.THUMBNAIL.name(),
            TikaCoreProperties.EmbeddedResourceType.RENDERING.name(),
            TikaCoreProperties.EmbeddedResourceType.FONT.name(),
            TikaCoreProperties.EmbeddedResourceType.MACRO.name(),
            TikaCoreProperties.EmbeddedResourceType.VERSION.name());

    private final Parser parser;
    private final TextBudget budget;
    private final int maxDepth;
    private final SectionCollector container;
    private final List<SectionCollector> collectors = new ArrayList<>();
    private final Deque<String> path = new ArrayDeque<>();
    private final List<String> warnings = new ArrayList<>();
    private ParseContext context;
    private int unnamed;

    EmbeddedDocumentSplitter(Parser parser, TextBudget budget, int maxDepth) {
        this.parser = parser;
        this.budget = budget;
        this.maxDepth = maxDepth;
        this.container = new SectionCollector(null, budget);
        collectors.add(container);
    }

    /** Must be called once with the context this extractor is registered in (nested parses reuse it). */
    void bind(ParseContext context) {
        this.context = context;
    }

    /** Tells the container's collector what the container turned out to be (see {@link SectionCollector#detectedType}). */
    void containerType(String mediaType) {
        container.detectedType(mediaType);
    }

    /** The handler for the container document's own text, described by the container's metadata. */
    ContentHandler containerHandler(Metadata metadata) {
        container.describedBy(metadata);
        return container;
    }

    /** The container's sections first, then each embedded document's, in the order they were met. */
    List<TextSection> sections() {
        List<TextSection> all = new ArrayList<>();
        for (SectionCollector collector : collectors) {
            all.addAll(collector.sections());
        }
        return all;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        String type = metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE);
        if (budget.exhausted() || (type != null && SKIPPED_TYPES.contains(type))) {
            return false;
        }
        if (path.size() >= maxDepth) {
            warnings.add(origin(name(metadata)) + ": not read, nested more than " + maxDepth + " levels deep");
            return false;
        }
        return true;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler ignoredContainerHandler, Metadata metadata,
                              boolean outputHtml) throws SAXException, IOException {
        String resourceName = resourceName(metadata);
        path.addLast(resourceName != null ? resourceName : "embedded-" + (++unnamed));
        String origin = origin(null);
        SectionCollector collector = new SectionCollector(origin, budget);
        collector.describedBy(metadata);
        collectors.add(collector);
        try (TikaInputStream embedded = TikaInputStream.get(CloseShieldInputStream.wrap(stream))) {
            parser.parse(embedded, collector, metadata, context);
            collector.detectedType(baseType(metadata));
            if (resourceName == null) {
                // An embedded object often has no file name, only an id like "rId5": once parsed, its detected
                // type at least gives the reader an extension ("rId5.pdf").
                String betterName = unnamedObject(metadata, path.removeLast());
                path.addLast(betterName);
                collector.origin(origin(null));
            }
        } catch (EncryptedDocumentException e) {
            warnings.add(origin + ": not read, encrypted");
        } catch (SAXException e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e; // the whole document is out of budget: stop the container too
            }
            warnings.add(origin + ": not read, " + ExtractionRejectedException.shortCause(e));
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new WriteLimitReachedException(budget.limit());
            }
            warnings.add(origin + ": not read, " + ExtractionRejectedException.shortCause(e));
        } finally {
            path.removeLast();
        }
    }

    private String name(Metadata metadata) {
        String name = resourceName(metadata);
        return name != null ? name : "embedded object";
    }

    private static String resourceName(Metadata metadata) {
        for (String candidate : new String[] {metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY),
                metadata.get(TikaCoreProperties.ORIGINAL_RESOURCE_NAME)}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }

    /** "rId5.pdf", "embedded-2.docx": an id (or a counter) plus the extension of the detected type. */
    private static String unnamedObject(Metadata metadata, String counterName) {
        String id = metadata.get(TikaCoreProperties.EMBEDDED_RELATIONSHIP_ID);
        String name = id != null && !id.isBlank() ? id.strip() : counterName;
        String type = baseType(metadata);
        if (type == null) {
            return name;
        }
        try {
            return name + MimeTypes.getDefaultMimeTypes().forName(type).getExtension();
        } catch (MimeTypeException | RuntimeException e) {
            return name;
        }
    }

    /** "attachment: outer.zip > inner.docx" for the current path, plus {@code next} when given. */
    private String origin(String next) {
        StringBuilder origin = new StringBuilder("attachment: ");
        Iterator<String> names = path.iterator();
        while (names.hasNext()) {
            origin.append(names.next());
            if (names.hasNext()) {
                origin.append(" > ");
            }
        }
        if (next != null) {
            origin.append(path.isEmpty() ? "" : " > ").append(next);
        }
        return origin.toString();
    }

    private static String baseType(Metadata metadata) {
        MediaType type = MediaType.parse(metadata.get(Metadata.CONTENT_TYPE));
        return type == null ? null : type.getBaseType().toString();
    }
}
