package io.kato.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.model.ComponentState;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Role;
import io.kato.api.model.WireEnum;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiModelTest {
    @Test
    void pageRequestsOutsideTheirBoundsNameTheField() {
        assertEquals("limit", assertThrows(ValidationException.class, () -> new PageRequest(0, 501)).errors().get(0)
                .field());
        assertEquals("offset", assertThrows(ValidationException.class, () -> new PageRequest(-1, 5)).errors().get(0)
                .field());
        assertEquals(500, PageRequest.all().limit());
    }

    @Test
    void enumsTravelAsLowerCaseNamesAndParseForgivingly() {
        assertEquals("build_failed", ComponentState.BUILD_FAILED.toString());
        assertEquals(ComponentState.BUILD_FAILED, WireEnum.parse(ComponentState.class, "Build-Failed"));
        assertNull(WireEnum.parse(Role.class, "owner"));
        assertEquals("viewer, developer, admin", WireEnum.allowed(Role.class));
    }

    @Test
    void onlySecretValuesAreMasked() {
        EnvVar secret = new EnvVar("PW", "hunter2", EnvScope.RUNTIME, true);
        EnvVar plain = new EnvVar("LOG", "debug", EnvScope.RUNTIME, false);
        assertEquals(EnvVar.MASK, secret.masked().value());
        assertSame(plain, plain.masked());
    }

    @Test
    void durationsAreIsoOrAFieldError() {
        assertEquals(java.time.Duration.ofDays(30), Durations.parse("ttl", "P30D"));
        assertNull(Durations.parse("ttl", " "));
        assertEquals("ttl", assertThrows(ValidationException.class, () -> Durations.parse("ttl", "30 days"))
                .errors().get(0).field());
    }

    @Test
    void rolesNestTheirRights() {
        assertFalse(Role.VIEWER.canWrite());
        assertTrue(Role.DEVELOPER.canWrite() && !Role.DEVELOPER.canManage());
        Actor admin = new Actor("root", null, true, Map.of(), null);
        assertEquals(Role.ADMIN, admin.roleIn("any-team").orElseThrow());
        Actor member = new Actor("vera", "u1", false, Map.of("t1", Role.VIEWER), null);
        assertEquals(Role.VIEWER, member.roleIn("t1").orElseThrow());
        assertTrue(member.roleIn("t2").isEmpty());
    }
}
