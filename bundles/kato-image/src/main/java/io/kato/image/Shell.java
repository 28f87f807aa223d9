package io.kato.image;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words the way a POSIX shell would, without expanding anything. */
final class Shell {
    private Shell() {
    }

    /**
     * Words of the line: single quotes keep everything, double quotes keep all but
     * {@code \"} {@code \\} {@code \$} {@code \`}, a backslash outside quotes escapes the next
     * character and a backslash-newline joins lines.
     *
     * @throws SpecException for an unclosed quote
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new SpecException("The command line has an unclosed single quote");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < n && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < n && "\"\\$`\n".indexOf(line.charAt(j + 1)) >= 0) {
                        if (line.charAt(j + 1) != '\n') {
                            word.append(line.charAt(j + 1));
                        }
                        j++;
                    } else {
                        word.append(d);
                    }
                }
                if (j >= n) {
                    throw new SpecException("The command line has an unclosed double quote");
                }
                inWord = true;
                i = j;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    char next = line.charAt(++i);
                    if (next == '\r' && i + 1 < n && line.charAt(i + 1) == '\n') {
                        i++;
                    } else if (next != '\n') {
                        word.append(next);
                        inWord = true;
                    }
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
