package io.kato.shell.internal.completers;

import org.apache.karaf.shell.api.console.CommandLine;

/** Finds the team a command line names: its first word after the command that is not an option. */
final class TeamArgument {
    private TeamArgument() {
    }

    static String of(CommandLine line) {
        String[] words = line.getArguments();
        for (int i = 1; i < line.getCursorArgumentIndex() && i < words.length; i++) {
            if (!words[i].startsWith("-")) {
                return words[i];
            }
        }
        return null;
    }
}
