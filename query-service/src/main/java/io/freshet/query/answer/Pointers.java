package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises text that sends the reader elsewhere ("see the Pricing and Plans page for prices", "For details,
 * refer to the travel policy", "contact HR for more information"). A pointer is not an answer: its words
 * must not make a sentence look like one, and a sentence that defers to elsewhere is never quoted.
 * Pure: no I/O.
 */
final class Pointers {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern PARENTHESIS = Pattern.compile("\\s*\\(([^()]*)\\)");
    private static final List<Pattern> POINTER_CLAUSES = List.of(
            // "see the Benefits FAQ", "refer to section 4", "consult the handbook"
            Pattern.compile("^\\s*(?:and\\s+|or\\s+)?(?:please\\s+)?(?:see|refer\\s+to|consult)\\b", FLAGS),
            // "For details, …", "For more information, …", "More information: …"
            Pattern.compile("^\\s*(?:for\\s+|more\\s+)(?:more\\s+|further\\s+|full\\s+|additional\\s+|the\\s+latest\\s+)?"
                    + "(?:details|information|info)\\b", FLAGS),
            // "contact IT for more information", "ask your manager for details"
            Pattern.compile("\\b(?:contact|ask|email|e-mail|write\\s+to|call)\\b.*\\bfor\\s+(?:more\\s+|further\\s+|additional\\s+)?"
                    + "(?:details|information|info)\\b", FLAGS),
            // "Prices are listed on the Pricing page", "as described in the Remote Work Policy"
            Pattern.compile("\\b(?:described|explained|listed|covered|set\\s+out|detailed|documented)\\s+(?:in|on|at)\\s+"
                    + "(?:the\\s+|our\\s+|your\\s+)?[\\p{L}\\p{N}\\s&-]*?\\b(?:page|section|policy|document|guide|handbook|"
                    + "faq|website|site|wiki|intranet|appendix|chapter)\\b", FLAGS));

    private Pointers() {
    }

    /** The text without its pointer clauses and parentheses: what it says itself. */
    static String substance(String text) {
        String withoutAsides = PARENTHESIS.matcher(text).replaceAll(m -> isPointerClause(m.group(1)) ? "" : m.group()
                .replace("\\", "\\\\").replace("$", "\\$"));
        var kept = new ArrayList<String>();
        for (String clause : withoutAsides.split(";")) {
            if (!isPointerClause(clause)) {
                kept.add(clause.strip());
            }
        }
        return String.join("; ", kept);
    }

    /**
     * The text sends the reader elsewhere for its point: a clause of its own outside parentheses is a pointer
     * ("Invite your team and choose a plan; see the Pricing and Plans page for prices."). A pointer in
     * parentheses is an aside to a sentence that answers by itself ("… within 30 days (see the Benefits FAQ).").
     */
    static boolean defers(String text) {
        String withoutAsides = PARENTHESIS.matcher(text).replaceAll(" ");
        for (String clause : withoutAsides.split(";")) {
            if (isPointerClause(clause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPointerClause(String clause) {
        for (Pattern pointer : POINTER_CLAUSES) {
            if (pointer.matcher(clause).find()) {
                return true;
            }
        }
        return false;
    }
}
