package io.freshet.query.answer;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a further quote bears on the question, beside the quotes already chosen. The best quote answers;
 * another one is worth adding when it goes on with the same section (the next sentence of the same FAQ
 * answer, another row of the same table that names what was asked), or when it answers a part of the
 * question the chosen ones leave open. A sentence that only shares the question's words, from a section
 * about something else (the Wi-Fi password under "How do I connect to the office Wi-Fi?" for a question
 * about password length), does not bear on it. Pure: no I/O.
 */
final class Bearing {

    /** A further quote from another section must add question words worth this share of the question. */
    private static final double NEW_PART_SHARE = 0.25;

    private final Set<String> asked;
    private final Map<String, Double> idf;
    private final double askedWeight;
    private final Set<String> covered = new HashSet<>();
    private final Set<Section> sections = new HashSet<>();
    private boolean chosen;
    private boolean firstSaysItself;

    /** Where a quote stands: its passage and the heading above it there ("" when the passage shows none). */
    private record Section(int passage, String heading) {
    }

    Bearing(Set<String> asked, Map<String, Double> idf) {
        this.asked = asked;
        this.idf = idf;
        this.askedWeight = asked.stream().mapToDouble(idf::get).sum();
    }

    /** Whether {@code unit} of passage {@code passage}, whose words (with its heading's) are {@code words}, bears on it. */
    boolean accepts(QuotableUnits.Unit unit, int passage, Set<String> words) {
        if (!chosen) {
            return true;
        }
        if (firstSaysItself && !saysItself(unit)) {
            return false; // a row or item that names nothing asked, beside one that does
        }
        if (continuesSection(unit, passage)) {
            return true;
        }
        if (!unit.section().isEmpty() && ContentWords.of(unit.section()).stream().noneMatch(asked::contains)) {
            return false;
        }
        double added = words.stream().filter(asked::contains).filter(w -> !covered.contains(w)).distinct()
                .mapToDouble(idf::get).sum();
        return added >= NEW_PART_SHARE * askedWeight;
    }

    /** The quote stands in the section of a quote already chosen, in the same passage. */
    boolean continuesSection(QuotableUnits.Unit unit, int passage) {
        return sections.contains(new Section(passage, unit.section()));
    }

    void choose(QuotableUnits.Unit unit, int passage, Set<String> words) {
        if (!chosen) {
            firstSaysItself = saysItself(unit);
        }
        chosen = true;
        sections.add(new Section(passage, Objects.requireNonNullElse(unit.section(), "")));
        words.stream().filter(asked::contains).forEach(covered::add);
    }

    /** Its own text, not only its heading or lead-in, names something asked. */
    private boolean saysItself(QuotableUnits.Unit unit) {
        return ContentWords.of(unit.own()).stream().anyMatch(asked::contains);
    }
}
