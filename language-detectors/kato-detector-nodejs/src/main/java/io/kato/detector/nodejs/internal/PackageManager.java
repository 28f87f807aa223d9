package io.kato.detector.nodejs.internal;

import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import java.util.List;

/**
 * The package manager a Node tree is installed with. The committed lock file decides
 * (pnpm, then yarn, then npm, the reference order), because installing with another
 * manager ignores the lock; the {@code packageManager} field only decides when no lock is
 * committed, and plain npm when neither says.
 *
 * @param name    {@code npm}, {@code yarn} or {@code pnpm}
 * @param lock    its lock file, or null when none is committed
 * @param install the install command: frozen to the lock when there is one
 */
record PackageManager(String name, String lock, String install) {
    private static final List<String> LOCKS = List.of("pnpm-lock.yaml", "yarn.lock", "package-lock.json",
            "npm-shrinkwrap.json");

    static PackageManager choose(SourceTree tree, PackageJson pkg, Findings findings) {
        List<String> locks = LOCKS.stream().filter(tree::exists).toList();
        if (locks.isEmpty()) {
            String name = pkg.managerName().filter(n -> List.of("npm", "yarn", "pnpm").contains(n)).orElse("npm");
            findings.warning("No lock file committed; dependency versions may change between builds",
                    "Commit package-lock.json, yarn.lock or pnpm-lock.yaml (whichever your package manager writes)",
                    "package.json");
            return new PackageManager(name, null, name + " install");
        }
        String lock = locks.get(0);
        String name = lock.startsWith("pnpm") ? "pnpm" : lock.startsWith("yarn") ? "yarn" : "npm";
        if (locks.size() > 1 && !locks.get(1).equals("npm-shrinkwrap.json")) {
            findings.warning("Several lock files (" + String.join(", ", locks) + "); installing with " + name,
                    "Delete the lock files of the package managers you do not use", locks.get(1));
        }
        pkg.managerName().filter(n -> !n.equals(name)).ifPresent(n -> findings.warning(
                "packageManager says " + n + " but the committed lock file is " + lock,
                "Make packageManager in package.json match the lock file, or commit " + n + "'s lock file",
                "package.json"));
        String install = switch (name) {
            case "pnpm" -> "pnpm install --frozen-lockfile";
            case "yarn" -> berry(tree, pkg) ? "yarn install --immutable" : "yarn install --frozen-lockfile";
            default -> "npm ci";
        };
        return new PackageManager(name, lock, install);
    }

    /** Yarn 2+ renamed --frozen-lockfile; it is recognised by its config file or the corepack pin. */
    private static boolean berry(SourceTree tree, PackageJson pkg) {
        return tree.exists(".yarnrc.yml")
                || pkg.managerName().orElse("").equals("yarn") && !pkg.managerVersion().orElse("1").startsWith("1");
    }

    /** How a script runs with this manager ({@code npm run build}). */
    String run(String script) {
        return name + " run " + script;
    }
}
