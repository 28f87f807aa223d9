package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    private static void rejects(String field, Runnable call) {
        ValidationException e = assertThrows(ValidationException.class, call::run);
        assertEquals(1, e.errors().size());
        assertEquals(field, e.errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "shop", "my-shop", "a1-b2-c3", "9lives", "a--b"})
    void dnsLabelsAreAccepted(String name) {
        assertEquals(name, Names.dnsLabel("name", name));
    }

    @Test
    void aDnsLabelMayBe63CharactersButNotMore() {
        String max = "a".repeat(63);
        assertEquals(max, Names.dnsLabel("name", max));
        rejects("name", () -> Names.dnsLabel("name", max + "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-shop", "shop-", "Shop", "my_shop", "my.shop", "my shop", "shöp", " shop"})
    void nonDnsLabelsAreRejectedNamingTheField(String name) {
        rejects("app.name", () -> Names.dnsLabel("app.name", name));
    }

    @Test
    void aMissingDnsLabelIsRequired() {
        ValidationException e = assertThrows(ValidationException.class, () -> Names.dnsLabel("name", null));
        assertEquals("name", e.errors().get(0).field());
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void aVeryLongRejectedNameIsShortenedInTheMessage() {
        String huge = "X".repeat(5000);
        ValidationException e = assertThrows(ValidationException.class, () -> Names.dnsLabel("name", huge));
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        assertTrue(e.getMessage().contains("..."));
    }

    @Test
    void envNamesAreLettersDigitsAndUnderscoresNotStartingWithADigit() {
        assertEquals("DB_URL", Names.envName("env.name", "DB_URL"));
        assertEquals("_x1", Names.envName("env.name", "_x1"));
        assertEquals("lower", Names.envName("env.name", "lower"));
        rejects("env.name", () -> Names.envName("env.name", "1X"));
        rejects("env.name", () -> Names.envName("env.name", "A-B"));
        rejects("env.name", () -> Names.envName("env.name", ""));
        rejects("env.name", () -> Names.envName("env.name", null));
        rejects("env.name", () -> Names.envName("env.name", "A".repeat(256)));
    }

    @Test
    void environmentsAreUpperCase() {
        assertEquals("PROD", Names.environment("environment", "PROD"));
        assertEquals("BETA_2", Names.environment("environment", "BETA_2"));
        rejects("environment", () -> Names.environment("environment", "prod"));
        rejects("environment", () -> Names.environment("environment", "2PROD"));
        rejects("environment", () -> Names.environment("environment", "A".repeat(33)));
        rejects("environment", () -> Names.environment("environment", null));
    }

    @Test
    void textIsStrippedDefaultedWhenBlankAndBounded() {
        assertEquals("My Shop", Names.text("displayName", "  My Shop \n", 200, "shop"));
        assertEquals("shop", Names.text("displayName", null, 200, "shop"));
        assertEquals("shop", Names.text("displayName", "   ", 200, "shop"));
        assertEquals("abc", Names.text("displayName", " abc ", 3, "x"), "length counts after stripping");
        rejects("displayName", () -> Names.text("displayName", "abcd", 3, "x"));
    }

    @Test
    void shortenKeepsShortTextAndCutsLongTextTo80() {
        assertEquals("short", Names.shorten("short"));
        String eighty = "y".repeat(80);
        assertEquals(eighty, Names.shorten(eighty));
        String cut = Names.shorten("z".repeat(81));
        assertEquals(80, cut.length());
        assertTrue(cut.endsWith("..."));
        assertFalse(Names.shorten("z".repeat(81)).equals("z".repeat(81)));
    }
}
