package io.github.busgen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of a markdown file, by the {@code ##} heading they stand under. Only the body rows are
 * kept (the header row and the {@code |---|} rule are dropped); each row is its trimmed cells.
 */
public final class MarkdownTables {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

    private MarkdownTables() {
    }

    /** Heading text (without the {@code ## }) to the rows of the first table under it. */
    public static Map<String, List<List<String>>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        String heading = null;
        boolean headerSeen = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                heading = line.substring(3).trim();
                headerSeen = false;
                continue;
            }
            if (heading == null || !line.startsWith("|")) {
                continue;
            }
            if (!headerSeen) { // the first row of a table names its columns
                headerSeen = true;
                continue;
            }
            if (line.startsWith("|---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            String[] parts = line.split("\\|", -1);
            for (int i = 1; i < parts.length - 1; i++) {
                cells.add(parts[i].trim());
            }
            tables.computeIfAbsent(heading, h -> new ArrayList<>()).add(cells);
        }
        return tables;
    }

    /** The rows under the heading that starts with {@code prefix}, for example "2. Object paths". */
    public static List<List<String>> table(Map<String, List<List<String>>> tables, String prefix) {
        for (Map.Entry<String, List<List<String>>> e : tables.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no table under a heading starting with \"" + prefix + "\"; headings: " + tables.keySet());
    }

    /**
     * The string a cell spells as a JSON string literal in backticks (the last such literal in the
     * cell, so that "78 × `a`: `"aaa…"`" gives the long string), or null when there is none.
     */
    public static String jsonString(String cell) {
        String literal = null;
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            if (m.group(1).startsWith("\"")) {
                literal = m.group(1);
            }
        }
        return literal == null ? null : decodeJson(literal);
    }

    private static String decodeJson(String literal) {
        if (literal.length() < 2 || !literal.endsWith("\"")) {
            throw new AssertionError("not a JSON string literal: " + literal);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'u':
                    b.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                default: b.append(e); // \" \\ \/
            }
        }
        return b.toString();
    }
}
