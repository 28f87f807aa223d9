package io.kato.detector.javamaven.internal;

import io.kato.detector.support.xml.XmlFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What detection needs from one {@code pom.xml}: identity, packaging, modules and whether
 * the module builds something that starts on its own. Placeholders are resolved from the
 * pom's properties and its parent's only; this is not Maven's model builder, so anything
 * unresolved yields a glob instead of a file name.
 *
 * @param launcher how the packaged artifact starts, or {@link Launcher#NONE} when nothing in
 *                 the pom makes the jar executable
 */
record Pom(String artifactId, String version, String packaging, String finalName, List<String> modules,
           Map<String, String> properties, Launcher launcher) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** What turns the jar into something {@code java -jar} can run. */
    enum Launcher { NONE, EXECUTABLE_JAR, QUARKUS }

    static Pom of(Document document, Pom parent) {
        Element project = document.getDocumentElement();
        Map<String, String> properties = new HashMap<>(parent == null ? Map.of() : parent.properties());
        Element props = XmlFiles.child(project, "properties");
        if (props != null) {
            for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    properties.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        String version = first(XmlFiles.text(project, "version"), XmlFiles.text(project, "parent", "version"));
        String artifactId = XmlFiles.text(project, "artifactId");
        properties.put("project.version", version == null ? "" : version);
        properties.put("project.artifactId", artifactId == null ? "" : artifactId);
        List<String> modules = XmlFiles.children(XmlFiles.child(project, "modules"), "module").stream()
                .map(m -> m.getTextContent().strip()).filter(m -> !m.isEmpty()).toList();
        Launcher inherited = parent == null ? Launcher.NONE : parent.launcher();
        Launcher own = launcher(project);
        return new Pom(artifactId, version, first(XmlFiles.text(project, "packaging"), "jar"),
                XmlFiles.text(project, "build", "finalName"), modules, properties,
                own == Launcher.NONE ? inherited : own);
    }

    /** The artifact Maven writes to {@code target/}, or a glob when its name is not certain. */
    String artifact() {
        String extension = packaging.equals("war") ? "war" : "jar";
        if (launcher == Launcher.QUARKUS) {
            return "target/quarkus-app/quarkus-run.jar";
        }
        String name = finalName != null ? finalName
                : artifactId == null || version == null ? null : artifactId + "-" + version;
        String resolved = name == null ? null : resolve(name);
        return resolved == null ? "target/*." + extension : "target/" + resolved + "." + extension;
    }

    /** A value with {@code ${...}} placeholders replaced, or null when one is unknown. */
    String resolve(String value) {
        String current = value;
        for (int depth = 0; depth < 5 && current.contains("${"); depth++) {
            Matcher m = PLACEHOLDER.matcher(current);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = properties.get(m.group(1));
                if (replacement == null || replacement.isEmpty()) {
                    return null;
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            current = m.appendTail(out).toString();
        }
        return current.contains("${") ? null : current;
    }

    /** The Java release the compiler targets, if the pom says. */
    String javaRelease() {
        for (String key : List.of("maven.compiler.release", "java.version", "maven.compiler.source")) {
            String value = properties.get(key);
            if (value != null && !value.isBlank()) {
                return resolve(value);
            }
        }
        return null;
    }

    /** Plugins under pluginManagement only configure, they do not run, so they do not count. */
    private static Launcher launcher(Element project) {
        NodeList plugins = project.getElementsByTagName("plugin");
        Launcher found = Launcher.NONE;
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (underPluginManagement(plugin)) {
                continue;
            }
            String id = String.valueOf(XmlFiles.text(plugin, "artifactId"));
            if (id.equals("quarkus-maven-plugin")) {
                return Launcher.QUARKUS;
            }
            if (id.equals("spring-boot-maven-plugin") || id.equals("micronaut-maven-plugin")
                    || plugin.getElementsByTagName("mainClass").getLength() > 0) {
                found = Launcher.EXECUTABLE_JAR;
            }
        }
        return found;
    }

    private static boolean underPluginManagement(Element plugin) {
        for (Node n = plugin.getParentNode(); n instanceof Element e; n = n.getParentNode()) {
            if (e.getTagName().equals("pluginManagement")) {
                return true;
            }
        }
        return false;
    }

    private static String first(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
