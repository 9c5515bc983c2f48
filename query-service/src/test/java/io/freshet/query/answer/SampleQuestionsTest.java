package io.freshet.query.answer;

import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.OnnxEmbeddingModel;
import io.freshet.query.QueryProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The questions of docs/samples.md, asked as a new user would: with the default answering policy and the
 * embedding model, over the passages the pipeline makes of the samples. The passages under
 * {@code samples/} are the samples' text as ingest-service's Tika extraction gave it, cut by embed-service's
 * chunker (256 tokens, 32 overlap), one file per chunk ("TITLE\t…\tPAGE\t…" then the text); each question gets
 * the five passages hybrid retrieval returned for it, in that order. The answers are checked for the facts
 * they must state and for what must not be in them: a table's header run into its rows, a heading glued onto
 * a sentence, a sentence from another topic, a whole checklist, a pointer to another page.
 */
class SampleQuestionsTest {

    private static OnnxEmbeddingModel model;
    private static ExtractiveAnswerer answerer;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.bgeSmall(EmbeddingProperties.defaults());
        var defaults = new QueryProperties.Answering(2, 0.35, 0.6, 0.4, 3, 0.6, 0.05, 0.5, 0.6, 400, 12, 0.6, 0.75);
        answerer = new ExtractiveAnswerer(defaults.policy(), new ModelSentenceSimilarity(model));
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void theHotelCapInLondonIsQuotedAsItsTableRow() {
        Answer answer = ask("What is the maximum hotel rate in London?", "travel-and-expense-policy.pdf__1",
                "travel-and-expense-policy.pdf__2", "pricing-and-plans.pdf__1", "travel-and-expense-policy.pdf__0",
                "travel-and-expense-policy.pdf__3");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer())
                .contains("Location: High-cost cities: New York, San Francisco, Boston, London, Zurich, Tokyo")
                .contains("Nightly cap (before taxes): USD 350")
                .doesNotContain("Location Nightly cap").doesNotContain("Booked centrally");
        assertThat(answer.citations()).first().satisfies(c -> assertThat(c.page()).isEqualTo(1));
    }

    @Test
    void passwordLengthAndRotationComeFromThePasswordSectionOnly() {
        Answer answer = ask("How long must my password be, and how often must I change it?",
                "information-security-policy.md__0", "it-helpdesk-faq.html__1", "information-security-policy.md__1",
                "remote-work-policy.docx__2", "information-security-policy.md__3");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("at least 14 characters").contains("not rotated on a schedule")
                .doesNotContain("Wi-Fi").doesNotContain("NW-Guest")
                .as("list items are not run together").doesNotContain(". - ").doesNotContain("failed sign-in");
    }

    @Test
    void theServiceDeskHoursAndContactsAreBothQuoted() {
        Answer answer = ask("When is the IT Service Desk open and how do I reach it?", "it-helpdesk-faq.html__0",
                "it-helpdesk-faq.html__1", "remote-work-policy.docx__1", "it-helpdesk-faq.html__2", "it-helpdesk-faq.html__3");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("Monday to Friday, 7:00 to 19:00 Pacific time").contains("4357")
                .doesNotContain("lost").doesNotContain("laptop");
    }

    @Test
    void parentalLeaveForNonBirthingParents() {
        Answer answer = ask("How much parental leave do non-birthing parents get?", "benefits-faq.docx__1",
                "benefits-faq.docx__2", "benefits-faq.docx__0", "remote-work-policy.docx__2", "travel-and-expense-policy.pdf__3");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("non-birthing parents").contains("12 weeks of fully paid leave")
                .doesNotContain("PTO").doesNotContain("sick leave");
    }

    @Test
    void theTeamPlanPriceIsAnsweredAndThePointerToThePricingPageIsNot() {
        Answer answer = ask("How much does the Team plan cost?", "pricing-and-plans.pdf__2",
                "northwind-insight-overview.html__3", "pricing-and-plans.pdf__3", "pricing-and-plans.pdf__0",
                "travel-and-expense-policy.pdf__1");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("USD 79 per user per month billed annually").contains("USD 99")
                .doesNotContain("see the Pricing and Plans page").doesNotContain("free trial");
        assertThat(answer.citations()).extracting(Answer.Citation::documentId).containsOnly("pricing-and-plans.pdf");
    }

    @Test
    void aPointerToThePricingPageAloneIsNotAnAnswer() {
        Answer answer = ask("How much does the Team plan cost?", "northwind-insight-overview.html__3");

        assertThat(answer.grounded()).isFalse();
        assertThat(answer.answer()).isEqualTo(ExtractiveAnswerer.DONT_KNOW);
    }

    @Test
    void hybridOfficeDays() {
        Answer answer = ask("Which days do hybrid employees work in the office?", "remote-work-policy.docx__0",
                "remote-work-policy.docx__1", "new-hire-onboarding.md__0", "remote-work-policy.docx__2", "new-hire-onboarding.md__2");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("Tuesdays and Thursdays").doesNotContain("Office hires");
    }

    @Test
    void theInternationalPerDiemWithoutTheBookingRule() {
        Answer answer = ask("What is the per diem for an international trip?", "travel-and-expense-policy.pdf__1",
                "travel-and-expense-policy.pdf__2", "travel-and-expense-policy.pdf__0", "travel-and-expense-policy.pdf__3",
                "pricing-and-plans.pdf__1");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("USD 95 per day for international travel")
                .doesNotContain("Book domestic trips").doesNotContain("21 days in advance");
    }

    @Test
    void whereCustomerDataIsHosted() {
        Answer answer = ask("Where can customer data be hosted?", "northwind-insight-overview.html__2",
                "it-helpdesk-faq.html__3", "information-security-policy.md__2", "northwind-insight-overview.html__1",
                "pricing-and-plans.pdf__1");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("US (Oregon)").contains("EU (Frankfurt)").doesNotContain("Restricted");
    }

    @Test
    void theBenefitsEnrollmentDeadlineWithoutTheRestOfTheChecklist() {
        Answer answer = ask("How soon must I enroll in benefits?", "benefits-faq.docx__0", "new-hire-onboarding.md__1",
                "benefits-faq.docx__2", "benefits-faq.docx__1", "new-hire-onboarding.md__0");

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("within 30 days of").doesNotContain("security awareness training")
                .doesNotContain("1:1 meetings").doesNotContain("ship a first change");
    }

    /** The answer over the named passages, in retrieval order, each with its cosine to the question. */
    private static Answer ask(String question, String... chunks) {
        float[] asked = model.embedQuery(question);
        var evidence = new ArrayList<Evidence>();
        for (int rank = 0; rank < chunks.length; rank++) {
            String file = read(chunks[rank]);
            String[] head = file.substring(0, file.indexOf('\n')).split("\t");
            String text = file.substring(file.indexOf('\n') + 1);
            float[] passage = model.embedPassages(List.of(head[1] + "\n" + text)).get(0);
            double cosine = 0;
            for (int d = 0; d < asked.length; d++) {
                cosine += asked[d] * passage[d];
            }
            evidence.add(new Evidence(chunks[rank].substring(0, chunks[rank].indexOf("__")), head[1], null, text,
                    1.0 / (1 + rank), cosine, "null".equals(head[3]) ? null : Integer.valueOf(head[3]), null));
        }
        return answerer.answer(question, asked, evidence);
    }

    private static String read(String chunk) {
        try (InputStream in = SampleQuestionsTest.class.getResourceAsStream("samples/" + chunk + ".txt")) {
            assertThat(in).as(chunk).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
