package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the XHTML that Tika emits for ONE document (the container, or one attachment) into sections:
 * one per PDF page (Tika wraps each page in {@code <div class="page">}), one for any text outside pages.
 * Block elements become line or paragraph breaks; {@code head}, {@code script} and {@code style} are dropped.
 * OCR output ({@code <div class="ocr">}) is reflowed: Tesseract ends every printed line with a line break and
 * marks paragraphs with a blank line, so lines are joined and paragraphs kept.
 */
final class SectionCollector extends DefaultHandler {

    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "table", "ul", "ol", "dl", "section", "article", "header", "footer", "aside", "nav", "main",
            "figure", "address", "hr");
    private static final Set<String> LINES = Set.of("div", "li", "tr", "br", "dt", "dd", "caption", "figcaption",
            "option", "label");
    private static final Set<String> CELLS = Set.of("td", "th");
    /** Not text a reader sees; the title reaches us through the metadata instead. */
    private static final Set<String> INVISIBLE = Set.of("head", "script", "style", "noscript", "template");

    private static final Pattern INVISIBLE_CHARACTERS = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\t\\x0B\\f\\p{Zs}]+");
    private static final Pattern SPACE_AROUND_NEWLINE = Pattern.compile(" ?\\n ?");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n\\s*");

    private final TextBudget budget;
    private final List<TextSection> sections = new ArrayList<>();
    private String origin;
    private boolean paged = true;
    private final StringBuilder text = new StringBuilder();

    private Metadata metadata;
    private Boolean reflowLines;
    private int preDepth;
    private int invisibleDepth;
    private int divDepth;
    private int pageDivDepth = -1;
    private int pagesSeen;
    private int ocrDivDepth = -1;
    private int ocrStart;

    SectionCollector(String origin, TextBudget budget) {
        this.origin = origin;
        this.budget = budget;
    }

    /**
     * The metadata the parser fills for this document: by the first text, it names the detected type, which
     * decides whether line breaks inside a run of text mean anything (see {@link #reflowsLines()}).
     */
    void describedBy(Metadata metadata) {
        this.metadata = metadata;
        this.reflowLines = null;
    }

    /**
     * Keeps page numbers only for PDFs: other parsers also emit page divs (a spreadsheet's sheets, for one),
     * and "page 2" of a workbook would send a reader to the wrong place.
     */
    void detectedType(String mediaType) {
        paged = "application/pdf".equals(mediaType);
    }

    /** Renames where the sections came from; an attachment's best name is known only after its parse. */
    void origin(String origin) {
        this.origin = origin;
    }

    /**
     * Collapses runs of spaces (including tabs, no-break spaces) to one, keeps line breaks, squeezes blank
     * lines to a single paragraph break, drops control and zero-width characters.
     */
    static String normalise(CharSequence raw) {
        String s = raw.toString().replace("\r\n", "\n").replace('\r', '\n');
        s = INVISIBLE_CHARACTERS.matcher(s).replaceAll("");
        s = CONTROL_CHARACTERS.matcher(s).replaceAll(" ");
        s = HORIZONTAL_SPACE.matcher(s).replaceAll(" ");
        s = SPACE_AROUND_NEWLINE.matcher(s).replaceAll("\n");
        s = BLANK_LINES.matcher(s).replaceAll("\n\n");
        return s.strip();
    }

    List<TextSection> sections() {
        flush(null);
        return sections.stream().map(s -> new TextSection(s.text(), paged ? s.page() : null, origin)).toList();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = name(localName, qName);
        if (INVISIBLE.contains(name)) {
            invisibleDepth++;
            return;
        }
        if (name.equals("pre")) {
            preDepth++;
        }
        if (name.equals("div")) {
            divDepth++;
            if (pageDivDepth < 0 && "page".equals(attributes.getValue("class"))) {
                flush(null);
                pagesSeen++;
                pageDivDepth = divDepth;
                return;
            }
            if (ocrDivDepth < 0 && "ocr".equals(attributes.getValue("class"))) {
                breakFor(name);
                ocrDivDepth = divDepth;
                ocrStart = text.length();
                return;
            }
        }
        breakFor(name);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = name(localName, qName);
        if (INVISIBLE.contains(name)) {
            invisibleDepth = Math.max(0, invisibleDepth - 1);
            return;
        }
        if (name.equals("pre")) {
            preDepth = Math.max(0, preDepth - 1);
        }
        if (name.equals("div")) {
            if (divDepth == ocrDivDepth) {
                reflowOcr();
                ocrDivDepth = -1;
            }
            if (divDepth == pageDivDepth) {
                flush(pagesSeen);
                pageDivDepth = -1;
            }
            divDepth = Math.max(0, divDepth - 1);
        }
        breakFor(name);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (invisibleDepth > 0 || length == 0) {
            return;
        }
        int kept = budget.take(length);
        if (preDepth == 0 && ocrDivDepth < 0 && reflowsLines()) {
            for (int i = start; i < start + kept; i++) {
                char c = ch[i];
                text.append(c == '\n' || c == '\r' ? ' ' : c);
            }
        } else {
            text.append(ch, start, kept);
        }
        if (kept < length) {
            // Tika's own signal: parsers stop, what was read so far is kept.
            throw new WriteLimitReachedException(budget.limit());
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        if (invisibleDepth == 0) {
            // Tika marks the line ends of a PDF paragraph this way: a space there, like in the text itself.
            appendBreak(preDepth == 0 && reflowsLines() ? " " : "\n");
        }
    }

    /**
     * In HTML a line break in the source is just a space, and in a PDF it is where the layout happened to wrap a
     * line: joining such lines keeps sentences whole. In plain text, mail bodies and Markdown a line break is
     * structure (a list item, a table row), so it stays.
     */
    private boolean reflowsLines() {
        if (reflowLines == null) {
            String type = metadata == null ? null : metadata.get(Metadata.CONTENT_TYPE);
            reflowLines = type != null && (type.startsWith("text/html") || type.startsWith("application/xhtml+xml")
                    || type.startsWith("application/pdf"));
        }
        return reflowLines;
    }

    private void breakFor(String element) {
        if (invisibleDepth > 0) {
            return;
        }
        if (PARAGRAPHS.contains(element)) {
            appendBreak("\n\n");
        } else if (LINES.contains(element)) {
            appendBreak("\n");
        } else if (CELLS.contains(element)) {
            appendBreak("\t");
        }
    }

    /** Breaks count against the budget too, so the normalised result never exceeds it. */
    private void appendBreak(String separator) {
        if (budget.take(separator.length()) == separator.length()) {
            text.append(separator);
        }
    }

    /** Joins the lines of the OCR text just collected, keeping its paragraph breaks; never makes it longer. */
    private void reflowOcr() {
        String raw = text.substring(ocrStart).replace("\r\n", "\n").replace('\r', '\n');
        text.setLength(ocrStart);
        String[] paragraphs = PARAGRAPH_BREAK.split(raw.strip());
        for (int i = 0; i < paragraphs.length; i++) {
            if (i > 0) {
                text.append("\n\n");
            }
            text.append(paragraphs[i].replace('\n', ' '));
        }
    }

    /** Ends the current run of text as a section: of {@code page}, or (null) outside any page. */
    private void flush(Integer page) {
        String normalised = normalise(text);
        text.setLength(0);
        if (!normalised.isEmpty()) {
            sections.add(new TextSection(normalised, page, origin));
        }
    }

    private static String name(String localName, String qName) {
        return (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    }
}
