package io.freshet.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads what was appended to a log file since the last look, in whole lines. The next {@code ./freshet up} moves the
 * file to {@code .log.1} and starts a new one: a file that was replaced or shrank is read again from its start, so
 * following survives a restart of the whole stack. Polled by {@link LogsCommand}; waits for nothing itself.
 */
final class LogFollower {

    private final Path file;
    private Object fileKey;
    private long position;
    /** A longer run without a line break is passed on as it is. */
    private static final int MAX_READ = 4 * 1024 * 1024;

    /** Follows from the current end of the file (or its start, once it appears). */
    LogFollower(Path file) {
        this.file = file;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            fileKey = attributes.fileKey();
            position = attributes.size();
        } catch (IOException e) {
            position = 0; // not there yet
        }
    }

    Path file() {
        return file;
    }

    /** The lines completed since the last call; a line still being written waits for its end. */
    List<String> poll() {
        List<String> lines = new ArrayList<>();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return lines; // between the move and the new file
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < position) {
            fileKey = attributes.fileKey();
            position = 0;
        }
        if (attributes.size() == position) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long available = in.length() - position;
            if (available <= 0) {
                return lines; // shrank since the look above: the next poll starts it over
            }
            byte[] bytes = new byte[(int) Math.min(available, MAX_READ)];
            in.seek(position);
            in.readFully(bytes);
            // Up to the last line break: the rest (a line still being written, maybe a split character) comes next time.
            int end = bytes.length == MAX_READ ? bytes.length : lastNewline(bytes) + 1;
            position += end;
            new String(bytes, 0, end, StandardCharsets.UTF_8).lines().forEach(lines::add);
        } catch (IOException e) {
            // read again at the next poll
        }
        return lines;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
