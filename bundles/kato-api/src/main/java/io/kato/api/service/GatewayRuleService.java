package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.GatewayRule;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A team's custom gateway rules. Developers and admins create and delete them; a domain
 * under the gateway's base domain must end in {@code -<team>.<base domain>} (the team's
 * own namespace), and any other domain belongs to the first team that routes it.
 */
@ProviderType
public interface GatewayRuleService {
    List<GatewayRule> list(Actor actor, String team);

    /**
     * @throws io.kato.api.ValidationException for a malformed domain, prefix, header or
     *         weight, or a backend that is not a component of the team
     * @throws io.kato.api.ConflictException when the domain is another team's, or the same
     *         domain, prefix and headers already have a rule
     */
    GatewayRule create(Actor actor, String team, RuleDraft draft);

    void delete(Actor actor, String team, String ruleId);

    /** What a new rule says; {@code pathPrefix} and {@code headers} may be null (everything). */
    record RuleDraft(String domain, String pathPrefix, Map<String, String> headers, List<GatewayRule.Backend> backends) {
    }
}
