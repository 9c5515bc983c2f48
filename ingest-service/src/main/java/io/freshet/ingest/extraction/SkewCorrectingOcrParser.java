package io.freshet.ingest.extraction;

import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Straightens a skewed image before Tesseract reads it. Tesseract reads little or nothing from a scan
 * tilted by a few degrees (a page fed askew, a phone photo), and Tika's own rotation needs ImageMagick
 * and Python; this needs neither. Wraps Tika's OCR parser, so it applies wherever Tika OCRs: images, images
 * inside office documents and mails, and scanned PDF pages. Any problem reading the image leaves it as it was.
 */
final class SkewCorrectingOcrParser extends ParserDecorator {

    /** Bigger images go to Tesseract as they are: decoding them here would cost too much heap. */
    static final long MAX_PIXELS = 40_000_000L;
    /** Beyond this a page is sideways or upside down, which Tesseract's own orientation detection handles. */
    private static final double MAX_SKEW_DEGREES = 15;
    /** Below this Tesseract copes, and rotating would only blur the glyphs. */
    private static final double MIN_CORRECTION_DEGREES = 0.5;
    /** The skew is estimated on a copy of at most this many pixels (about 1000 x 1500): ample for line angles. */
    private static final double SAMPLE_PIXELS = 1_500_000;

    SkewCorrectingOcrParser(Parser tesseract) {
        super(tesseract);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        TesseractOCRConfig config = context.get(TesseractOCRConfig.class);
        if (config != null && config.isSkipOcr()) {
            super.parse(stream, handler, metadata, context);
            return;
        }
        try (TemporaryResources temporary = new TemporaryResources()) {
            TikaInputStream image = TikaInputStream.get(stream, temporary, metadata);
            BufferedImage straightened = straightened(image.getPath());
            if (straightened == null) {
                super.parse(image, handler, metadata, context);
                return;
            }
            Path png = temporary.createTempFile(".png");
            ImageIO.write(straightened, "png", png.toFile());
            straightened.flush();
            try (TikaInputStream corrected = TikaInputStream.get(png)) {
                super.parse(corrected, handler, metadata, context);
            }
        }
    }

    /** The image rotated level, on white; null when it is level already or cannot be read here. */
    static BufferedImage straightened(Path file) {
        BufferedImage source = decode(file);
        if (source == null) {
            return null;
        }
        double skew = skewDegrees(sample(source));
        if (Math.abs(skew) < MIN_CORRECTION_DEGREES) {
            return null;
        }
        return rotated(source, -skew);
    }

    private static BufferedImage decode(Path file) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                // Checked from the header before decoding: a "decompression bomb" image never gets allocated.
                if (pixels > MAX_PIXELS || pixels < 64 * 64) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // a format ImageIO cannot read (JPEG 2000, CMYK JPEG ...): Tesseract gets the original
        }
    }

    /** A small grey copy on white (transparent backgrounds would otherwise read as black). */
    private static BufferedImage sample(BufferedImage source) {
        double scale = Math.min(1.0, Math.sqrt(SAMPLE_PIXELS / ((double) source.getWidth() * source.getHeight())));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    /**
     * The angle of the text lines, in degrees, positive when they fall to the right. Shears the dark pixels
     * by each candidate angle and keeps the one whose row histogram is peakiest (lines of text become sharp
     * peaks with white gaps between them only when the shear matches their slope). 0 when unsure.
     */
    static double skewDegrees(BufferedImage grey) {
        Raster raster = grey.getRaster();
        int width = grey.getWidth();
        int height = grey.getHeight();
        int[] xs = new int[width * height / 4 + 1];
        int[] ys = new int[xs.length];
        int dark = 0;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                if (row[x] < 128) {
                    if (dark == xs.length) {
                        return 0; // more than a quarter dark: a photo or an inverted page, not lines of text
                    }
                    xs[dark] = x;
                    ys[dark] = y;
                    dark++;
                }
            }
        }
        if (dark < 500) {
            return 0; // too little ink to tell
        }
        double level = peakiness(xs, ys, dark, width, height, 0);
        double best = 0;
        double bestScore = level;
        for (double angle = -MAX_SKEW_DEGREES; angle <= MAX_SKEW_DEGREES; angle += 0.5) {
            double score = peakiness(xs, ys, dark, width, height, angle);
            if (score > bestScore) {
                bestScore = score;
                best = angle;
            }
        }
        double coarse = best;
        for (double angle = coarse - 0.4; angle <= coarse + 0.4; angle += 0.1) {
            double score = peakiness(xs, ys, dark, width, height, angle);
            if (score > bestScore) {
                bestScore = score;
                best = angle;
            }
        }
        // A marginal gain is noise (a table, a drawing), not a tilted page.
        return bestScore > level * 1.1 ? best : 0;
    }

    private static double peakiness(int[] xs, int[] ys, int count, int width, int height, double degrees) {
        double slope = Math.tan(Math.toRadians(degrees));
        int spread = (int) Math.ceil(Math.abs(slope) * width) + 1;
        long[] rows = new long[height + 2 * spread + 1];
        for (int i = 0; i < count; i++) {
            int bin = (int) Math.round(ys[i] - xs[i] * slope) + spread;
            rows[bin]++;
        }
        double sum = 0;
        for (long n : rows) {
            sum += (double) n * n;
        }
        return sum;
    }

    private static BufferedImage rotated(BufferedImage source, double degrees) {
        double radians = Math.toRadians(degrees);
        int width = source.getWidth();
        int height = source.getHeight();
        double sin = Math.abs(Math.sin(radians));
        double cos = Math.abs(Math.cos(radians));
        int newWidth = (int) Math.ceil(width * cos + height * sin);
        int newHeight = (int) Math.ceil(height * cos + width * sin);
        BufferedImage level = new BufferedImage(newWidth, newHeight, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = level.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, newWidth, newHeight);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.translate(newWidth / 2.0, newHeight / 2.0);
            g.rotate(radians);
            g.translate(-width / 2.0, -height / 2.0);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return level;
    }
}
