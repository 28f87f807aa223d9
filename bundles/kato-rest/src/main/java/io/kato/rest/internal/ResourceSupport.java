package io.kato.rest.internal;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * The HTTP side of the rules every resource shares: who is calling, paging, and versions
 * as ETags ({@code "<version>"}) with {@code If-Match} on writes.
 */
final class ResourceSupport {
    private ResourceSupport() {
    }

    static Actor actor(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof AuthFilter.ActorPrincipal p) {
            return p.actor();
        }
        throw new UnauthenticatedException("Authentication required: send 'Authorization: Bearer <token>'");
    }

    /** A name that may be left out of the body of a PUT to its path, or given there the same. */
    static void sameName(String field, String inBody, String inPath) {
        if (inBody != null && !inBody.equals(inPath)) {
            throw ValidationException.of(field, "is '" + inBody + "' in the body but '" + inPath + "' in the path:"
                    + " leave it out of the body, or make them equal");
        }
    }

    static PageRequest page(Integer offset, Integer limit) {
        return new PageRequest(offset == null ? 0 : offset, limit == null ? PageRequest.DEFAULT_LIMIT : limit);
    }

    /** The list envelope: items plus where the page is. */
    static <T> PageBody<T> body(Page<T> page) {
        return new PageBody<>(page.items(), page.offset(), page.limit(), page.total());
    }

    record PageBody<T>(java.util.List<T> items, int offset, int limit, long total) {
    }

    /**
     * The version an {@code If-Match} header expects: null when absent or {@code *}.
     * Weak tags are accepted: a version names the whole representation.
     */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ValidationException.of("If-Match", "'" + ifMatch + "' is not an ETag of this API: send the ETag"
                    + " header of your last read, such as \"3\"");
        }
    }

    static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    static Response ok(Object entity, long version) {
        return Response.ok(entity).tag(tag(version)).build();
    }

    static Response created(Object entity, long version) {
        return Response.status(Response.Status.CREATED).entity(entity).tag(tag(version)).build();
    }
}
