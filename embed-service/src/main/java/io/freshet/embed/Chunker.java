package io.freshet.embed;

import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.TextSection;
import io.freshet.embedding.ModelTokenizer;
import io.freshet.embedding.ModelTokenizer.Token;
import io.freshet.embedding.PassageInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a document's text into passages of at most {@link ChunkingPolicy#chunkTokens()} model tokens.
 *
 * <p>Consecutive sections with the same origin (the body, or one embedded attachment) are read as one
 * text, so a passage may run across a page break but never from the body into an attachment. A passage
 * ends only where there is whitespace, never inside a word, and near its budget it prefers the end of a
 * paragraph, then of a sentence, then of a line. Each passage repeats about
 * {@link ChunkingPolicy#overlapTokens()} tokens of the previous one, starting at a word. The one exception
 * to "never inside a word" is a run of text without whitespace longer than the whole budget (a long URL,
 * a line of dashes, text in a script written without spaces): it is cut between tokens, so it cannot stall.
 */
public final class Chunker {

    /** Chunk ends are looked for in this last share of the budget, to favour sentence and paragraph ends. */
    private static final int PREFERRED_END_WINDOW_DIVISOR = 4;
    private static final String SECTION_SEPARATOR = "\n\n";

    private final ModelTokenizer tokenizer;
    private final ChunkingPolicy policy;
    private final PassageInput passageInput;

    public Chunker(ModelTokenizer tokenizer, ChunkingPolicy policy) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.passageInput = new PassageInput(tokenizer, policy.titleInEmbedding(), policy.titleMaxTokens());
    }

    public ChunkingPolicy policy() {
        return policy;
    }

    /** The document's passages in reading order; none when it has no text. */
    public List<Chunk> chunk(ExtractedDocument document) {
        String titleLine = passageInput.titleLine(document.document() == null ? null : document.document().title());
        List<Chunk> chunks = new ArrayList<>();
        for (SectionGroup group : SectionGroup.of(document.sections())) {
            chunkGroup(group, titleLine, chunks);
        }
        return chunks;
    }

    private void chunkGroup(SectionGroup group, String titleLine, List<Chunk> chunks) {
        String text = group.text();
        List<Token> tokens = tokenizer.tokenize(text);
        int count = tokens.size();
        int budget = policy.chunkTokens();
        int start = 0;
        while (start < count) {
            int end = count - start <= budget ? count : endOfChunk(text, tokens, start, budget);
            String chunkText = text.substring(tokens.get(start).start(), tokens.get(end - 1).end());
            chunks.add(new Chunk(chunks.size(), chunkText, group.pageAt(tokens.get(start).start()), group.origin(),
                    end - start, PassageInput.withTitleLine(titleLine, chunkText)));
            if (end == count) {
                break;
            }
            start = startOfNextChunk(text, tokens, start, end);
        }
    }

    /** The token index after the last token of the chunk that starts at {@code start}. */
    private static int endOfChunk(String text, List<Token> tokens, int start, int budget) {
        int limit = start + budget;
        int windowStart = Math.max(start + 1, limit - budget / PREFERRED_END_WINDOW_DIVISOR);
        int best = -1;
        Boundary bestKind = Boundary.NONE;
        for (int cut = limit; cut >= windowStart; cut--) {
            Boundary kind = boundaryBefore(text, tokens, cut);
            if (kind.compareTo(bestKind) > 0) {
                best = cut;
                bestKind = kind;
            }
        }
        if (best > 0) {
            return best;
        }
        for (int cut = windowStart - 1; cut > start; cut--) {
            if (boundaryBefore(text, tokens, cut) != Boundary.NONE) {
                return cut;
            }
        }
        return limit; // no whitespace in the whole budget: cut between tokens rather than stall
    }

    /**
     * Where the chunk after [start, end) starts: {@link ChunkingPolicy#overlapTokens()} back from {@code end},
     * moved forward to a word, or to a sentence or paragraph start if one keeps at least half the overlap.
     * Always after {@code start}, so chunking advances.
     */
    private int startOfNextChunk(String text, List<Token> tokens, int start, int end) {
        int overlap = policy.overlapTokens();
        int from = Math.max(start + 1, end - overlap);
        int preferredUntil = Math.max(from, end - overlap / 2);
        int best = end;
        Boundary bestKind = Boundary.NONE;
        for (int cut = from; cut < end; cut++) {
            Boundary kind = boundaryBefore(text, tokens, cut);
            boolean stronger = cut <= preferredUntil ? kind.compareTo(bestKind) > 0 : bestKind == Boundary.NONE && kind != Boundary.NONE;
            if (stronger) {
                best = cut;
                bestKind = kind;
            }
        }
        return best;
    }

    /** What kind of break lies between token {@code index - 1} and token {@code index}. */
    private static Boundary boundaryBefore(String text, List<Token> tokens, int index) {
        int gapStart = tokens.get(index - 1).end();
        int gapEnd = tokens.get(index).start();
        int newlines = 0;
        boolean whitespace = false;
        for (int i = gapStart; i < gapEnd; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\f') {
                newlines += c == '\f' ? 2 : 1;
            }
            whitespace |= Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
        if (!whitespace) {
            return Boundary.NONE;
        }
        if (newlines >= 2) {
            return Boundary.PARAGRAPH;
        }
        if (endsSentence(text, gapStart)) {
            return Boundary.SENTENCE;
        }
        return newlines == 1 ? Boundary.LINE : Boundary.WORD;
    }

    /** True when the text just before {@code end} closes a sentence, allowing for a closing quote or bracket. */
    private static boolean endsSentence(String text, int end) {
        int i = end - 1;
        while (i >= 0 && "\"'”’)]".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".!?…".indexOf(text.charAt(i)) >= 0;
    }

    /** Strength of a possible chunk end, weakest first. */
    private enum Boundary {
        NONE, WORD, LINE, SENTENCE, PARAGRAPH
    }

    /** Consecutive non-blank sections of one origin, joined as one text, remembering where each starts. */
    private record SectionGroup(String origin, String text, int[] sectionStarts, Integer[] pages) {

        static List<SectionGroup> of(List<TextSection> sections) {
            List<SectionGroup> groups = new ArrayList<>();
            List<TextSection> run = new ArrayList<>();
            for (TextSection section : sections) {
                if (section == null || section.text() == null || section.text().isBlank()) {
                    continue;
                }
                if (!run.isEmpty() && !Objects.equals(run.get(0).origin(), section.origin())) {
                    groups.add(join(run));
                    run.clear();
                }
                run.add(section);
            }
            if (!run.isEmpty()) {
                groups.add(join(run));
            }
            return groups;
        }

        private static SectionGroup join(List<TextSection> run) {
            StringBuilder text = new StringBuilder();
            int[] starts = new int[run.size()];
            Integer[] pages = new Integer[run.size()];
            for (int i = 0; i < run.size(); i++) {
                if (i > 0) {
                    text.append(SECTION_SEPARATOR); // a section break reads as a paragraph break
                }
                starts[i] = text.length();
                pages[i] = run.get(i).page();
                text.append(run.get(i).text());
            }
            return new SectionGroup(run.get(0).origin(), text.toString(), starts, pages);
        }

        Integer pageAt(int offset) {
            int found = Arrays.binarySearch(sectionStarts, offset);
            return pages[found >= 0 ? found : -found - 2];
        }
    }
}
