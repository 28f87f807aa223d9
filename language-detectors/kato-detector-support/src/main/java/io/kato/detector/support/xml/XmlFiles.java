package io.kato.detector.support.xml;

import io.kato.api.detect.Problem;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Texts;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses XML manifests ({@code pom.xml}, {@code *.csproj}) from untrusted repositories.
 * The parser is the JDK's own, hardened against XXE: DOCTYPE declarations are refused
 * outright, so neither external entities nor DTDs are ever fetched or expanded. A file
 * that does not parse becomes an ERROR problem with its line, never an exception.
 */
public final class XmlFiles {
    private XmlFiles() {
    }

    /** The parsed document, or empty when the file is missing, too large or rejected. */
    public static Optional<Document> read(SourceTree tree, String path, Findings findings) {
        Optional<String> text = Texts.whole(tree, path, findings);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(newBuilder().parse(new InputSource(new StringReader(text.get()))));
        } catch (SAXParseException e) {
            boolean doctype = e.getMessage() != null && e.getMessage().contains("DOCTYPE");
            findings.problem(new Problem(Problem.Severity.ERROR, path + " could not be parsed: " + e.getMessage(),
                    doctype ? "Remove the DOCTYPE declaration from " + path + "; Kato never reads DTDs or entities"
                            : "Fix the XML syntax of " + path + " near line " + e.getLineNumber(),
                    path, Math.max(e.getLineNumber(), 0)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            findings.error(path + " could not be parsed: " + e.getMessage(), "Fix the XML syntax of " + path, path);
        }
        return Optional.empty();
    }

    /** A fresh builder per call: factories and builders are not thread-safe. */
    static DocumentBuilder newBuilder() throws ParserConfigurationException {
        // newDefaultInstance: the JDK parser, whose feature names below are known, whatever
        // other parser a bundle in the runtime may register
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(QUIET);
        return builder;
    }

    /** Without it the JDK parser prints "[Fatal Error]" lines to stderr before throwing. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** Direct child elements with this name (prefix ignored), in document order. */
    public static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName(e).equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The first direct child with this name, or null. */
    public static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The trimmed text of the element at this child path ({@code "build", "finalName"}), or null. */
    public static String text(Element parent, String... path) {
        Element e = parent;
        for (String name : path) {
            e = child(e, name);
        }
        return e == null || e.getTextContent().isBlank() ? null : e.getTextContent().strip();
    }

    private static String localName(Element e) {
        String tag = e.getTagName();
        return tag.substring(tag.indexOf(':') + 1);
    }
}
