package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the tables in a passage as rows a reader can quote: "Location: London; Nightly cap (before taxes):
 * USD 350", never the header line run together with other rows. Extraction hands tables over in three shapes:
 * Markdown rows with their "|" cells; one line per row with the cells joined by spaces (HTML and PDF tables);
 * and one line per cell (Word tables). Without "|" the cells are told apart by where values start (a figure,
 * an amount) and, in the header and the label column, by capitals. A row whose cells cannot be told apart is
 * quoted whole after its header's columns. Pure: no I/O.
 */
final class TableRows {

    /** A table's rows as quotable phrases, its header line, and the index of the first line after it. */
    record Table(String header, List<String> rows, List<String> rawRows, int end) {
    }

    private static final Pattern DIGIT = Pattern.compile("\\p{N}");
    private static final Pattern PIPE_SEPARATOR = Pattern.compile("^\\|?[\\s:|-]+\\|?$");
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-•·*+]|\\d{1,2}[.)])\\s+");
    private static final Pattern NUMBER = Pattern.compile("^[$€£¥]?[-+]?\\d[\\d.,:%]*\\p{L}{0,3}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$|^[$€£¥]$");
    private static final int MAX_ROW_WORDS = 30;
    private static final int MAX_CELL_WORDS = 8;
    private static final int MAX_COLUMNS = 8;
    /** Words that tie a figure to what precedes it ("1 to 10", "per month"): no new cell starts after them. */
    private static final Set<String> CONNECTORS = Set.of("to", "-", "–", "and", "or", "of", "per", "than", "x", "by",
            "in", "on", "at", "for", "the", "a", "an", "with", "from", "up");
    /** Words that open a value before its figure: "from USD 45,000", "up to 250", "at least 3". */
    private static final Set<String> QUALIFIERS = Set.of("from", "under", "over", "max", "min", "about", "approx.",
            "up to", "at least", "at most", "less than", "more than", "starting at", "starting from");

    private TableRows() {
    }

    static boolean isPipeRow(String line) {
        String s = line.strip();
        return s.startsWith("|") && s.indexOf('|', 1) > 0;
    }

    /** The table whose header is line {@code start}, or null when none starts there. */
    static Table at(List<String> lines, int start) {
        if (isPipeRow(lines.get(start))) {
            return pipeTable(lines, start);
        }
        Table cells = cellPerLine(lines, start);
        return cells != null ? cells : rowPerLine(lines, start);
    }

    private static Table pipeTable(List<String> lines, int start) {
        List<String> header = pipeCells(lines.get(start));
        var rows = new ArrayList<String>();
        var raw = new ArrayList<String>();
        int i = start + 1;
        for (; i < lines.size() && isPipeRow(lines.get(i)); i++) {
            if (PIPE_SEPARATOR.matcher(lines.get(i).strip()).matches()) {
                continue;
            }
            rows.add(phrases(header, pipeCells(lines.get(i)), lines.get(i)));
            raw.add(String.join(" ", pipeCells(lines.get(i))));
        }
        return rows.isEmpty() ? null : new Table(String.join(" ", header), rows, raw, i);
    }

    /**
     * Word tables: a few short header lines without figures, then rows of as many short cells. The number of
     * columns is the smallest that makes at least two rows state their figures in the same columns.
     */
    private static Table cellPerLine(List<String> lines, int start) {
        int leading = 0;
        while (start + leading < lines.size() && leading <= MAX_COLUMNS && isCell(lines.get(start + leading))
                && !DIGIT.matcher(lines.get(start + leading)).find()) {
            leading++;
        }
        int cells = leading;
        while (start + cells < lines.size() && isCell(lines.get(start + cells))) {
            cells++;
        }
        for (int columns = 2; columns <= Math.min(leading, MAX_COLUMNS); columns++) {
            int rowCount = alignedRows(lines, start + columns, start + cells, columns);
            if (rowCount >= 2 || (rowCount == 1 && columns == leading)) {
                List<String> header = lines.subList(start, start + columns).stream().map(String::strip).toList();
                var rows = new ArrayList<String>();
                var raw = new ArrayList<String>();
                for (int r = 0; r < rowCount; r++) {
                    int from = start + columns * (r + 1);
                    List<String> row = lines.subList(from, from + columns).stream().map(String::strip).toList();
                    rows.add(phrases(header, row, String.join(" ", row)));
                    raw.add(String.join(" ", row));
                }
                return new Table(String.join(" ", header), rows, raw, start + columns * (rowCount + 1));
            }
        }
        return null;
    }

    /** How many rows of {@code columns} cells from {@code from} state figures in the same columns as the first. */
    private static int alignedRows(List<String> lines, int from, int end, int columns) {
        String pattern = null;
        int rows = 0;
        for (int r = from; r + columns <= end; r += columns) {
            var figures = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                figures.append(DIGIT.matcher(lines.get(r + c)).find() ? '1' : '0');
            }
            if (figures.indexOf("1") < 0 || pattern != null && !pattern.contentEquals(figures)) {
                break;
            }
            pattern = figures.toString();
            rows++;
        }
        return rows;
    }

    /** HTML and PDF tables: a header line of capitalised column names, then one line per row. */
    private static Table rowPerLine(List<String> lines, int start) {
        String headerLine = lines.get(start).strip();
        if (!isRowLike(headerLine) || DIGIT.matcher(headerLine).find()) {
            return null;
        }
        List<String> header = headerCells(headerLine);
        if (header.size() < 2 || header.size() > MAX_COLUMNS) {
            return null;
        }
        var raw = new ArrayList<String>();
        var split = new ArrayList<List<String>>();
        int i = start + 1;
        while (i < lines.size() && isRowLike(lines.get(i))) {
            String row = lines.get(i).strip();
            int used = 1;
            // A PDF wraps a long label onto a line of its own, its value on the next: one row.
            if (!DIGIT.matcher(row).find() && i + 1 < lines.size() && isRowLike(lines.get(i + 1))
                    && startsWithValue(lines.get(i + 1).strip().split(" "))) {
                row = row + " " + lines.get(i + 1).strip();
                used = 2;
            }
            List<String> cells = rowCells(row, header.size());
            boolean fits = cells != null;
            if (raw.isEmpty() ? !fits || !DIGIT.matcher(row).find() : !fits && !DIGIT.matcher(row).find()) {
                break; // the first row must read as one, later ones must at least state a figure
            }
            raw.add(row);
            split.add(cells);
            i += used;
        }
        if (raw.isEmpty()) {
            return null;
        }
        // Whether the rows have a label column the header leaves blank: as most rows read.
        long withLabel = split.stream().filter(c -> c != null && c.size() == header.size() + 1).count();
        long withoutLabel = split.stream().filter(c -> c != null && c.size() == header.size()).count();
        int width = withLabel > withoutLabel ? header.size() + 1 : header.size();
        var rows = new ArrayList<String>();
        for (int r = 0; r < raw.size(); r++) {
            List<String> cells = split.get(r);
            rows.add(cells != null && cells.size() == width ? phrases(header, cells, raw.get(r))
                    : String.join(", ", header) + ": " + raw.get(r));
        }
        return new Table(headerLine, rows, raw, i);
    }

    /** "Location: London; Nightly cap (before taxes): USD 350"; with a label column the header lacks, the label first. */
    private static String phrases(List<String> header, List<String> cells, String row) {
        int offset = cells.size() - header.size();
        if (offset < 0 || offset > 1) {
            return String.join(", ", header) + ": " + row.replace("|", " ").replaceAll("\\s+", " ").strip();
        }
        var parts = new ArrayList<String>();
        for (int c = 0; c < header.size(); c++) {
            String value = cells.get(c + offset);
            if (!value.isBlank()) {
                parts.add(header.get(c).isBlank() ? value : header.get(c) + ": " + value);
            }
        }
        String joined = String.join("; ", parts);
        return offset == 1 ? cells.get(0) + " — " + joined : joined;
    }

    private static List<String> pipeCells(String line) {
        String s = line.strip();
        s = s.substring(1, s.endsWith("|") && s.length() > 1 ? s.length() - 1 : s.length());
        var cells = new ArrayList<String>();
        for (String cell : s.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** Header cells start with a capital, except after a connecting word or inside parentheses. */
    static List<String> headerCells(String header) {
        String[] tokens = header.strip().split("\\s+");
        var starts = new ArrayList<Integer>();
        starts.add(0);
        int depth = 0;
        for (int t = 0; t < tokens.length; t++) {
            // "Uptime SLA" is one name, "Years of service PTO days per year" two
            boolean acronymOfName = isAcronym(tokens[t]) && Character.isUpperCase(tokens[t - Math.min(t, 1)].codePointAt(0));
            if (t > 0 && depth == 0 && startsCell(tokens, t) && !acronymOfName) {
                starts.add(t);
            }
            depth += count(tokens[t], '(') - count(tokens[t], ')');
        }
        return cells(tokens, starts);
    }

    /**
     * The cells of a row of {@code columns} header cells (one more when the rows have a label column the
     * header leaves blank), or null when they cannot be told apart. Values start at a figure or an amount;
     * the label before them is split at capitals, from the right, as far as cells are still missing.
     */
    static List<String> rowCells(String row, int columns) {
        String[] tokens = row.strip().split("\\s+");
        var starts = new ArrayList<Integer>();
        starts.add(0);
        for (int t = 1; t < tokens.length; t++) {
            int value = valueStart(tokens, t);
            if (value == t && starts.get(starts.size() - 1) < t) {
                starts.add(t);
            }
        }
        if (starts.size() < columns) {
            int labelEnd = starts.size() > 1 ? starts.get(1) : tokens.length;
            var capitals = new ArrayList<Integer>();
            for (int t = 1; t < labelEnd; t++) {
                if (startsCell(tokens, t)) {
                    capitals.add(t);
                }
            }
            int missing = columns - starts.size();
            if (capitals.size() < missing) {
                return null;
            }
            starts.addAll(capitals.subList(capitals.size() - missing, capitals.size()));
            starts.sort(Integer::compare);
        }
        if (starts.size() > columns + 1) {
            return null;
        }
        return cells(tokens, starts);
    }

    /** {@code t} when a value starts at token {@code t} (a figure, an amount, or a qualifier before one), else -1. */
    private static int valueStart(String[] tokens, int t) {
        String previous = tokens[t - 1];
        int qualifier = qualifierLength(tokens, t);
        if (qualifier > 0) {
            // after a figure only if it completes an amount: "USD 79 from USD 45,000", but "1 to 10 up to 250"
            boolean afterAmount = t >= 2 && isNumber(previous) && CURRENCY.matcher(tokens[t - 2]).matches();
            int k = t + qualifier;
            boolean valueFollows = k < tokens.length && (isNumber(tokens[k])
                    || CURRENCY.matcher(tokens[k]).matches() && k + 1 < tokens.length && isNumber(tokens[k + 1]));
            return valueFollows && !CONNECTORS.contains(previous.toLowerCase()) && (afterAmount || !isNumber(previous))
                    && !CURRENCY.matcher(previous).matches() ? t : -1;
        }
        boolean amount = CURRENCY.matcher(tokens[t]).matches() && t + 1 < tokens.length && isNumber(tokens[t + 1]);
        boolean figure = isNumber(tokens[t]) && !CURRENCY.matcher(previous).matches();
        boolean tied = CONNECTORS.contains(previous.toLowerCase()) || qualifierLength(tokens, t - 1) == 1
                || (t >= 2 && qualifierLength(tokens, t - 2) == 2) || previous.endsWith("-");
        return (amount || figure) && !tied ? t : -1;
    }

    /** How many words of a qualifier start at token {@code t}: 0 when none does. */
    private static int qualifierLength(String[] tokens, int t) {
        if (t + 1 < tokens.length && QUALIFIERS.contains((tokens[t] + " " + tokens[t + 1]).toLowerCase())) {
            return 2;
        }
        return QUALIFIERS.contains(tokens[t].toLowerCase()) ? 1 : 0;
    }

    private static boolean startsWithValue(String[] tokens) {
        return tokens.length > 0 && (isNumber(tokens[0])
                || CURRENCY.matcher(tokens[0]).matches() && tokens.length > 1 && isNumber(tokens[1]));
    }

    /** A capitalised word not tied to the word before it by punctuation or a connecting word. */
    private static boolean startsCell(String[] tokens, int t) {
        String token = tokens[t];
        String previous = tokens[t - 1];
        if (token.isEmpty() || !Character.isUpperCase(token.codePointAt(0))) {
            return false;
        }
        char end = previous.charAt(previous.length() - 1);
        return ",:;(-/&–".indexOf(end) < 0 && !CONNECTORS.contains(previous.toLowerCase())
                && !previous.equals("-") && !token.startsWith("(");
    }

    private static boolean isRowLike(String line) {
        String s = line.strip();
        if (s.isEmpty() || isPipeRow(s) || LIST_ITEM.matcher(s).find() || s.split("\\s+").length > MAX_ROW_WORDS) {
            return false;
        }
        char last = s.charAt(s.length() - 1);
        return ".!?:;…".indexOf(last) < 0;
    }

    private static boolean isCell(String line) {
        return isRowLike(line) && line.strip().split("\\s+").length <= MAX_CELL_WORDS && !line.strip().endsWith(")");
    }

    private static boolean isNumber(String token) {
        return NUMBER.matcher(token).matches();
    }

    private static boolean isAcronym(String token) {
        return token.length() >= 2 && token.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c));
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private static List<String> cells(String[] tokens, List<Integer> starts) {
        var cells = new ArrayList<String>();
        for (int s = 0; s < starts.size(); s++) {
            int end = s + 1 < starts.size() ? starts.get(s + 1) : tokens.length;
            cells.add(String.join(" ", List.of(tokens).subList(starts.get(s), end)));
        }
        return cells;
    }
}
