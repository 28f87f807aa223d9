package io.kato.detector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import io.kato.detector.support.xml.XmlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class XmlFilesTest {
    private final Findings findings = new Findings("x");

    @Test
    void externalEntityIsNeverReadAndTheDoctypeIsReported(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<a><b>&xxe;</b></a>";
        var document = XmlFiles.read(MemorySourceTree.of(Map.of("a.xml", xml)), "a.xml", findings);
        assertTrue(document.isEmpty());
        Problem problem = findings.toDetection().problems().get(0);
        assertEquals(Problem.Severity.ERROR, problem.severity());
        assertTrue(problem.hint().contains("DOCTYPE"), problem.hint());
        assertFalse(findings.toDetection().toString().contains("TOP-SECRET-CONTENT"));
    }

    @Test
    void wellFormedXmlParsesAndChildrenAreFoundByLocalName() {
        String xml = "<project xmlns=\"urn:x\"><build><finalName> app </finalName></build><m:mod xmlns:m=\"urn:m\"/>"
                + "</project>";
        Document document = XmlFiles.read(MemorySourceTree.of(Map.of("p.xml", xml)), "p.xml", findings).orElseThrow();
        assertEquals("app", XmlFiles.text(document.getDocumentElement(), "build", "finalName"));
        assertEquals(1, XmlFiles.children(document.getDocumentElement(), "mod").size());
        assertTrue(findings.toDetection().problems().isEmpty());
    }

    @Test
    void brokenXmlIsAnErrorWithItsLine() {
        var document = XmlFiles.read(MemorySourceTree.of(Map.of("p.xml", "<a>\n<b>\n</a>")), "p.xml", findings);
        assertTrue(document.isEmpty());
        Problem problem = findings.toDetection().problems().get(0);
        assertEquals(Problem.Severity.ERROR, problem.severity());
        assertEquals(3, problem.line());
        assertEquals("p.xml", problem.file());
    }
}
