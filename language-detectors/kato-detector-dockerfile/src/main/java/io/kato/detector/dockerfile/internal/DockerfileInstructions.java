package io.kato.detector.dockerfile.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Dockerfile instructions detection needs, read line by line: no full parser,
 * since only FROM, EXPOSE, ENV/ARG defaults, ENTRYPOINT and CMD matter here.
 *
 * @param finalImage   the image of the last {@code FROM}, stage aliases resolved, or null
 * @param exposedPorts ports from {@code EXPOSE}, variables resolved from ENV/ARG defaults
 * @param startCommand ENTRYPOINT followed by CMD (Docker's own composition), or null
 */
record DockerfileInstructions(String finalImage, List<Integer> exposedPorts, String startCommand) {
    private static final Pattern VARIABLE = Pattern.compile("^\\$\\{?(\\w+)(?::-([^}]*))?}?$");
    private static final Pattern EXEC_ARG = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    static DockerfileInstructions parse(String text) {
        Map<String, String> stages = new HashMap<>();
        Map<String, String> variables = new HashMap<>();
        String image = null;
        List<Integer> ports = new ArrayList<>();
        String entrypoint = null;
        String cmd = null;
        for (String line : logicalLines(text)) {
            String[] parts = line.split("\\s+", 2);
            String args = parts.length > 1 ? parts[1].strip() : "";
            switch (parts[0].toUpperCase(Locale.ROOT)) {
                case "FROM" -> {
                    String[] from = args.split("\\s+");
                    String ref = from[0].startsWith("--") && from.length > 1 ? from[1] : from[0];
                    image = stages.getOrDefault(ref.toLowerCase(Locale.ROOT), ref);
                    if (from.length >= 3 && from[from.length - 2].equalsIgnoreCase("AS")) {
                        stages.put(from[from.length - 1].toLowerCase(Locale.ROOT), image);
                    }
                }
                case "ENV", "ARG" -> define(args, variables);
                case "EXPOSE" -> {
                    for (String token : args.split("\\s+")) {
                        port(resolve(token.split("/")[0], variables)).ifPresent(ports::add);
                    }
                }
                case "ENTRYPOINT" -> entrypoint = command(args);
                case "CMD" -> cmd = command(args);
                default -> { }
            }
        }
        String start = entrypoint == null ? cmd : cmd == null ? entrypoint : entrypoint + " " + cmd;
        return new DockerfileInstructions(image, ports, start);
    }

    /** Joins backslash continuations and drops comments and blank lines. */
    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            lines.add(current.append(line).toString());
            current.setLength(0);
        }
        if (current.length() > 0) {
            lines.add(current.toString().strip());
        }
        return lines;
    }

    /** {@code ENV K=V K2=V2}, {@code ENV K V} and {@code ARG K=V}; later definitions win, as in Docker. */
    private static void define(String args, Map<String, String> variables) {
        if (!args.contains("=")) {
            String[] kv = args.split("\\s+", 2);
            if (kv.length == 2) {
                variables.put(kv[0], kv[1]);
            }
            return;
        }
        for (String pair : args.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                variables.put(pair.substring(0, eq), pair.substring(eq + 1).replace("\"", ""));
            }
        }
    }

    private static String resolve(String token, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(token);
        if (!m.matches()) {
            return token;
        }
        return variables.getOrDefault(m.group(1), m.group(2) == null ? token : m.group(2));
    }

    /** A port number; for a range ({@code 8000-8010}) its first port. */
    private static Optional<Integer> port(String token) {
        String first = token.split("-")[0];
        try {
            int port = Integer.parseInt(first);
            return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Exec form {@code ["a", "b"]} becomes {@code a b}; shell form stays as written. */
    private static String command(String args) {
        if (!args.startsWith("[")) {
            return args.isEmpty() ? null : args;
        }
        List<String> words = new ArrayList<>();
        Matcher m = EXEC_ARG.matcher(args);
        while (m.find()) {
            String word = m.group(1).replace("\\\"", "\"");
            words.add(word.contains(" ") ? "'" + word + "'" : word);
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }
}
