package io.kato.detector.dotnet.internal;

import io.kato.detector.support.Texts;
import io.kato.detector.support.xml.XmlFiles;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What detection reads from one SDK-style {@code *.csproj}.
 *
 * @param path            the project file
 * @param assemblyName    the {@code AssemblyName}, by default the file name without extension
 * @param targetFramework the target framework ({@code net8.0}); of several, the highest
 * @param multiTarget     whether it targets several frameworks, so publish needs {@code -f}
 * @param web             whether it uses the Web SDK (an ASP.NET Core app)
 * @param runnable        whether it builds a service: Web SDK or an executable, and no test project
 */
record CsProject(String path, String assemblyName, String targetFramework, boolean multiTarget, boolean web,
                 boolean runnable) {
    private static final Pattern MODERN = Pattern.compile("net(\\d{1,3})\\.(\\d{1,3})(?:-.*)?");

    static CsProject of(String path, Document document) {
        Element project = document.getDocumentElement();
        String stem = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.csproj$", "");
        String sdk = project.getAttribute("Sdk");
        boolean web = sdk.startsWith("Microsoft.NET.Sdk.Web");
        String single = property(project, "TargetFramework");
        String[] several = property(project, "TargetFrameworks") == null ? new String[0]
                : property(project, "TargetFrameworks").split(";");
        String framework = single != null ? single : Arrays.stream(several).map(String::strip)
                .filter(s -> !s.isEmpty()).max(Comparator.comparingInt(CsProject::rank)).orElse(null);
        boolean exe = String.valueOf(property(project, "OutputType")).toLowerCase(Locale.ROOT).contains("exe");
        boolean test = "true".equalsIgnoreCase(property(project, "IsTestProject")) || references(project,
                "Microsoft.NET.Test.Sdk");
        String assembly = property(project, "AssemblyName");
        return new CsProject(path, assembly == null || assembly.contains("$") ? stem : assembly, framework,
                single == null && several.length > 1, web, (web || exe) && !test);
    }

    /** Orders {@code net10.0} above {@code net8.0}, and both above .NET Framework and netstandard. */
    private static int rank(String framework) {
        Matcher m = MODERN.matcher(framework);
        return m.matches() ? Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)) : -1;
    }

    /** The folder the project lives in ({@code ""} at the root). */
    String folder() {
        return Texts.folderOf(path);
    }

    /** {@code dotnet publish} of this project into {@code out/}. */
    String publish() {
        return "dotnet publish " + path + " -c Release -o out" + (multiTarget ? " -f " + targetFramework : "");
    }

    /** Starts the published app; web apps are told the port, as Kestrel's own default is 5000. */
    String start(int port) {
        return "dotnet out/" + assemblyName + ".dll" + (web ? " --urls http://0.0.0.0:" + port : "");
    }

    /** The first value of an MSBuild property in any PropertyGroup. */
    private static String property(Element project, String name) {
        for (Element group : XmlFiles.children(project, "PropertyGroup")) {
            String value = XmlFiles.text(group, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean references(Element project, String packageName) {
        NodeList refs = project.getElementsByTagName("PackageReference");
        for (int i = 0; i < refs.getLength(); i++) {
            if (packageName.equalsIgnoreCase(((Element) refs.item(i)).getAttribute("Include"))) {
                return true;
            }
        }
        return false;
    }
}
