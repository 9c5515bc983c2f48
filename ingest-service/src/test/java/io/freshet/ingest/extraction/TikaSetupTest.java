package io.freshet.ingest.extraction;

import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-parse configuration, without building a parser (and without needing Tesseract installed). */
class TikaSetupTest {

    private static final OcrSettings OCR = new OcrSettings(true, "eng+deu", Duration.ofSeconds(30), 200);

    @Test
    void withoutOcrTesseractIsSkippedAndPdfsAreNotRendered() {
        TesseractOCRConfig tesseract = TikaSetup.tesseractConfig(false, OCR, ExtractionLimits.defaults());
        PDFParserConfig pdf = TikaSetup.pdfConfig(false, OCR);

        assertThat(tesseract.isSkipOcr()).isTrue();
        assertThat(pdf.getOcrStrategy()).isEqualTo(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        assertThat(pdf.isDetectAngles()).isTrue();
    }

    @Test
    void withOcrEachRunFitsInTheParseTimeoutAndOnlyPagesWithoutTextAreOcred() {
        ExtractionLimits tenSeconds = new ExtractionLimits(1024 * 1024, 1000, 1, Duration.ofSeconds(10), 1);
        TesseractOCRConfig tesseract = TikaSetup.tesseractConfig(true, OCR, tenSeconds);
        PDFParserConfig pdf = TikaSetup.pdfConfig(true, OCR);

        assertThat(tesseract.isSkipOcr()).isFalse();
        assertThat(tesseract.getLanguage()).isEqualTo("eng+deu");
        assertThat(tesseract.getTimeoutSeconds()).isEqualTo(10);
        assertThat(tesseract.getMaxFileSizeToOcr()).isEqualTo(1024 * 1024);
        assertThat(TikaSetup.tesseractConfig(true, OCR, ExtractionLimits.defaults()).getTimeoutSeconds()).isEqualTo(30);
        assertThat(pdf.getOcrStrategy()).isEqualTo(PDFParserConfig.OCR_STRATEGY.AUTO);
        assertThat(pdf.getOcrDPI()).isEqualTo(200);
    }

    @Test
    void latin1IsReadAsWindows1252AndOtherCharsetsAsDetected() throws Exception {
        Charset windows1252 = Charset.forName("windows-1252");
        EncodingDetector latin1 = TikaSetup.latin1AsWindows1252((input, metadata) -> StandardCharsets.ISO_8859_1);
        EncodingDetector utf8 = TikaSetup.latin1AsWindows1252((input, metadata) -> StandardCharsets.UTF_8);
        EncodingDetector unknown = TikaSetup.latin1AsWindows1252((input, metadata) -> null);

        assertThat(latin1.detect(null, null)).isEqualTo(windows1252);
        assertThat(utf8.detect(null, null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(unknown.detect(null, null)).isNull();
    }
}
