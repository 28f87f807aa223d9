package io.kato.rest.internal;

import io.kato.api.Actor;
import io.kato.api.UnauthenticatedException;
import io.kato.api.service.AccessService;
import java.security.Principal;
import java.util.Set;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

/**
 * Every call needs {@code Authorization: Bearer <token>}, except the public paths below,
 * the discovery endpoint (it checks a plugin installation's own token) and the endpoints of
 * third-party components (pushed with the component's own secret key). The resolved
 * {@link Actor} travels as the request's principal.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {
    static final Set<String> PUBLIC = Set.of("v1/health", "v1/openapi.json");
    private final AccessService access;

    AuthFilter(AccessService access) {
        this.access = access;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (PUBLIC.contains(relative) || relative.startsWith(DiscoveryResource.PATH_PREFIX)
                || EndpointsResource.PATH.matcher(relative).matches()) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("Authentication required: send 'Authorization: Bearer <token>'");
        }
        Actor actor = access.authenticate(header.substring(7).strip());
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new ActorContext(actor, secure));
    }

    /** The authenticated actor as the request's principal. */
    record ActorContext(Actor actor, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return new ActorPrincipal(actor);
        }

        @Override
        public boolean isUserInRole(String role) {
            return "admin".equals(role) && actor.admin();
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }

    record ActorPrincipal(Actor actor) implements Principal {
        @Override
        public String getName() {
            return actor.name();
        }
    }
}
