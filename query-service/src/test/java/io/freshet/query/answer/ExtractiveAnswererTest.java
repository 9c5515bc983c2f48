package io.freshet.query.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveAnswererTest {

    private static final AnswerPolicy POLICY = new AnswerPolicy(2, 0.35, 0.6, 0.4, 3, 0.6, 0.05, 0.5, 0.6, 400);

    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer(POLICY);

    private static final Evidence LEAVE = new Evidence("hr-leave", "Leave policy", "https://intranet/leave",
            "This policy applies to all staff. Employees are entitled to 25 days of paid annual leave per year. "
                    + "Unused annual leave may be carried over until March 31. Requests go through the HR portal.",
            0.032, 0.82);
    private static final Evidence PARENTAL = new Evidence("hr-parental", "Parental leave", "https://intranet/parental",
            "Parents receive 16 weeks of paid parental leave. The leave can be split into two blocks.",
            0.030, 0.74);
    private static final Evidence CAFETERIA = new Evidence("facilities", "Cafeteria", "https://intranet/food",
            "The cafeteria opens at 8 am and closes at 3 pm. Vegetarian dishes are available every day.",
            0.016, 0.55);

    @Test
    void quotesTheBestSupportedSentenceWithItsCitation() {
        Answer answer = answerer.answer("How many days of paid annual leave do employees get?", List.of(LEAVE, PARENTAL, CAFETERIA));

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).startsWith("Employees are entitled to 25 days of paid annual leave per year [1].");
        assertThat(answer.citations()).first().satisfies(c -> {
            assertThat(c.documentId()).isEqualTo("hr-leave");
            assertThat(c.title()).isEqualTo("Leave policy");
            assertThat(c.url()).isEqualTo("https://intranet/leave");
            assertThat(c.snippet()).isEqualTo("Employees are entitled to 25 days of paid annual leave per year.");
            assertThat(c.score()).isEqualTo(0.032);
        });
        assertThat(answer.citations()).extracting(Answer.Citation::documentId).doesNotContain("facilities");
    }

    @Test
    void rareQuestionWordsOutweighCommonOnes() {
        // "leave" is in most sentences; "parental" only in one: that one answers the question.
        Answer answer = answerer.answer("How long is parental leave?", List.of(LEAVE, PARENTAL));

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).startsWith("Parents receive 16 weeks of paid parental leave [1].");
        assertThat(answer.citations()).first().extracting(Answer.Citation::documentId).isEqualTo("hr-parental");
    }

    @Test
    void citationsAreTheDistinctDocumentsNumberedInTheOrderUsed() {
        var carryOver = new Evidence("carry-over", "Carry-over", null, "Annual leave can be carried over until March.", 0.03, 0.8);
        var approval = new Evidence("approval", "Approval", null, "Annual leave requests need manager approval.", 0.02, 0.8);

        Answer answer = answerer.answer("Can annual leave be carried over with manager approval?",
                List.of(carryOver, approval));

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).isEqualTo(
                "Annual leave requests need manager approval [1]. Annual leave can be carried over until March [2].");
        assertThat(answer.citations()).extracting(Answer.Citation::documentId).containsExactly("approval", "carry-over");
    }

    @Test
    void twoPagesOfOneDocumentAreTwoCitationsEachNamingItsPage() {
        var entitlement = new Evidence("handbook", "Staff handbook", "https://intranet/handbook",
                "Employees are entitled to 25 days of paid annual leave per year.", 0.03, 0.8, 2, null);
        var carryOver = new Evidence("handbook", "Staff handbook", "https://intranet/handbook",
                "Unused annual leave days may be carried over until March 31.", 0.02, 0.8, 7, null);

        Answer answer = answerer.answer("How many days of annual leave do employees get and can unused days be carried over?",
                List.of(entitlement, carryOver));

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("[1]").contains("[2]");
        assertThat(answer.citations()).extracting(Answer.Citation::documentId).containsExactly("handbook", "handbook");
        assertThat(answer.citations()).extracting(Answer.Citation::page).containsExactlyInAnyOrder(2, 7);
        for (Answer.Citation citation : answer.citations()) {
            String quotedWithItsNumber = citation.snippet().substring(0, citation.snippet().length() - 1)
                    + " [" + (answer.citations().indexOf(citation) + 1) + "]";
            assertThat(answer.answer()).as("each marker points at the page its sentence is on").contains(quotedWithItsNumber);
        }
    }

    @Test
    void sentencesFromOnePlaceShareACitationThatQuotesThemAndNamesTheAttachment() {
        var report = new Evidence("mail-42", "Re: flood night", "https://mail/42",
                "The spillway gates were open overnight. The river level was two metres lower overnight.", 0.03, 0.8, 1,
                "attachment: report.pdf");
        var body = new Evidence("mail-42", "Re: flood night", "https://mail/42",
                "Thanks to everyone who stayed late.", 0.01, 0.7);

        Answer answer = answerer.answer("Were the spillway gates open overnight, and was the river level lower overnight?",
                List.of(report, body));

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).isEqualTo(
                "The spillway gates were open overnight [1]. The river level was two metres lower overnight [1].");
        assertThat(answer.citations()).singleElement().satisfies(c -> {
            assertThat(c.origin()).isEqualTo("attachment: report.pdf");
            assertThat(c.page()).isEqualTo(1);
            assertThat(c.snippet()).isEqualTo(
                    "The spillway gates were open overnight. The river level was two metres lower overnight.");
        });
    }

    @Test
    void atMostThreeSentencesAndNoNearDuplicates() {
        var copy = new Evidence("copy", "Leave policy (copy)", "https://mirror/leave", LEAVE.text(), 0.031, 0.82);

        Answer answer = answerer.answer("annual leave paid employees days carried", List.of(LEAVE, copy, PARENTAL));

        String text = answer.answer();
        assertThat(text.split("\\[\\d]").length - 1).isBetween(1, 3);
        assertThat(count(text, "25 days of paid annual leave")).as("the same sentence from a copy is not repeated").isEqualTo(1);
    }

    @Test
    void noHitsMeansIDontKnow() {
        Answer answer = answerer.answer("How many days of annual leave?", List.of());

        assertThat(answer.grounded()).isFalse();
        assertThat(answer.answer()).isEqualTo("I don't know: the documents available to you don't cover this.");
        assertThat(answer.citations()).isEmpty();
    }

    @Test
    void anOffTopicQuestionGetsIDontKnowEvenIfAWordMatches() {
        // "days" appears in the leave passage, but one shared word is not support.
        Answer answer = answerer.answer("How many days until the football world cup final?", List.of(LEAVE, CAFETERIA));

        assertThat(answer.grounded()).isFalse();
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.answer()).startsWith("I don't know");
    }

    @Test
    void aQuestionAboutSomethingThePassagesNeverMentionGetsIDontKnow() {
        // Close to the leave policy in words and meaning, but no passage says anything about sick leave:
        // quoting the annual leave sentence would answer a different question.
        Answer answer = answerer.answer("How many days of sick leave do employees get?", List.of(LEAVE, PARENTAL, CAFETERIA));

        assertThat(answer.grounded()).isFalse();
    }

    @Test
    void aMinorWordTheDocumentsLackDoesNotBlockTheAnswer() {
        Answer answer = answerer.answer("How many days of annual leave do new employees get?", List.of(LEAVE, PARENTAL, CAFETERIA));

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.citations()).first().extracting(Answer.Citation::documentId).isEqualTo("hr-leave");
    }

    @Test
    void passagesFarFromTheQuestionInVectorSpaceGetIDontKnow() {
        var lexicallyClose = new Evidence("d", "Leave", null,
                "Employees are entitled to 25 days of paid annual leave per year.", 0.02, 0.41);

        Answer answer = answerer.answer("paid annual leave days", List.of(lexicallyClose));

        assertThat(answer.grounded()).isFalse();
    }

    @Test
    void aQuestionOfOnlyFunctionWordsGetsIDontKnow() {
        assertThat(answerer.answer("What is it about?", List.of(LEAVE)).grounded()).isFalse();
    }

    @Test
    void aTitleWordCountsTowardsSupport() {
        var policy = new Evidence("travel", "Business class flights", null,
                "Flights over six hours may be booked in business class. Shorter flights are economy.", 0.03, 0.8);

        Answer answer = answerer.answer("When may business class be booked?", List.of(policy));

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).startsWith("Flights over six hours may be booked in business class [1].");
    }

    @Test
    void splitsSentencesButNotAtAbbreviationsAndJoinsBrokenLines() {
        assertThat(Sentences.of("Dr. Smith approved it, e.g. for travel. The second\nline continues here.\n\nNew paragraph", 400))
                .containsExactly("Dr. Smith approved it, e.g. for travel.", "The second line continues here.", "New paragraph");
    }

    @Test
    void stemsMakeInflectionsMeet() {
        assertThat(ContentWords.of("policies leaves leaving vaccinations"))
                .isEqualTo(ContentWords.of("policy leave leave vaccination"));
        assertThat(ContentWords.of("What is the policy for the HR team?")).containsExactly("policy", "hr", "team");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void meaningPicksTheSentenceThatAnswersOverOneThatRepeatsTheWords() {
        Evidence desk = new Evidence("it-faq", "IT FAQ", "https://intranet/it",
                "Open a ticket at the Service Desk portal when the Service Desk is open. "
                        + "The Service Desk is staffed Monday to Friday, 7:00 to 19:00 Pacific time.", 0.03, 0.8);
        var policy = new AnswerPolicy(2, 0.35, 0.6, 0.4, 1, 0.6, 0.05, 0.5, 0.6, 400, 12, 0.6, 0.75);
        SentenceSimilarity meaning = (question, vector, sentences) -> sentences.stream()
                .mapToDouble(s -> s.contains("Monday to Friday") ? 0.85 : 0.55).toArray();

        Answer lexical = new ExtractiveAnswerer(policy).answer("When is the Service Desk open?", List.of(desk));
        Answer semantic = new ExtractiveAnswerer(policy, meaning).answer("When is the Service Desk open?", List.of(desk));

        assertThat(lexical.answer()).startsWith("Open a ticket");
        assertThat(semantic.answer()).startsWith("The Service Desk is staffed Monday to Friday");
    }

    @Test
    void aSentenceCloseInMeaningAnswersEvenWhenTheQuestionUsesOtherWords() {
        Evidence pricing = new Evidence("pricing", "Pricing", "https://example.com/pricing",
                "The Team plan is USD 79 per user per month, billed annually.", 0.03, 0.78);
        var policy = new AnswerPolicy(2, 0.35, 0.6, 0.4, 3, 0.6, 0.05, 0.5, 0.6, 400, 12, 0.6, 0.75);

        Answer withoutMeaning = new ExtractiveAnswerer(policy).answer("What does the Team subscription cost?", List.of(pricing));
        Answer withMeaning = new ExtractiveAnswerer(policy, (q, vector, sentences) -> new double[] {0.82})
                .answer("What does the Team subscription cost?", List.of(pricing));
        Answer offTopic = new ExtractiveAnswerer(policy, (q, vector, sentences) -> new double[] {0.55})
                .answer("What does the Team subscription cost?", List.of(pricing));

        assertThat(withoutMeaning.grounded()).isFalse();
        assertThat(withMeaning.grounded()).isTrue();
        assertThat(withMeaning.answer()).contains("USD 79 per user per month");
        assertThat(offTopic.grounded()).isFalse();
    }
}
