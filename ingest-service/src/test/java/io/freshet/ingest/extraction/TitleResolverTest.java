package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TitleResolverTest {

    private static final TextSection HEADED = TextSection.of("# Travel policy \n\nEconomy class only.");

    @Test
    void aRecordedTitleWinsOnOneLine() {
        assertThat(TitleResolver.resolve("  Quarterly \t report\n", "application/pdf", "q.pdf", HEADED))
                .isEqualTo("Quarterly report");
    }

    @Test
    void markdownFallsBackToItsLeadingHeading() {
        assertThat(TitleResolver.resolve(null, "text/markdown", null, HEADED)).isEqualTo("Travel policy");
        assertThat(TitleResolver.resolve(" ", "text/plain", "notes/Travel.MD", HEADED)).isEqualTo("Travel policy");
        assertThat(TitleResolver.resolve(null, "text/x-web-markdown", null, TextSection.of("#Not a heading")))
                .isNull();
        assertThat(TitleResolver.resolve(null, "text/markdown", null, TextSection.of("Intro\n# Later heading")))
                .isNull();
    }

    @Test
    void otherFormatsAndAttachmentsHaveNoHeadingTitle() {
        assertThat(TitleResolver.resolve(null, "text/plain", "notes.txt", HEADED)).isNull();
        TextSection attachment = new TextSection("# Attached", null, "mail.eml > readme.md");
        assertThat(TitleResolver.resolve(null, "text/markdown", "readme.md", attachment)).isNull();
    }
}
