package com.callaback.api;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.identity.TenantAccess;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What an API key may do once it is known: at most its rate, writes only with the write scope, and otherwise the
 * rights of a member of its business (acting for the admin who created it, so the audit log names a person).
 */
public class ApiAccessFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentUser currentUser;
    @Inject
    ApiRateLimiter rateLimiter;
    @Inject
    ApiProblems problems;

    @ServerRequestFilter
    public Response admitApiKey(ContainerRequestContext request) {
        if (!ApiPaths.isApi(request.getUriInfo().getPath())) {
            return null;
        }
        ApiCaller caller = ApiCaller.of(identity);
        if (caller == null) {
            return null;
        }
        long retryAfter = rateLimiter.take(caller.tenantId(), caller.apiKeyId());
        if (retryAfter > 0) {
            return problem(429, "Too Many Requests", "This API key sent more requests than its limit allows. "
                    + "Wait " + retryAfter + " s (see Retry-After) and slow down.")
                    .header("Retry-After", retryAfter).build();
        }
        if (!READS.contains(request.getMethod()) && !caller.canWrite()) {
            return problem(403, "Forbidden", "This API key has the read scope only. Create a key with the write scope "
                    + "to create or change anything.").build();
        }
        currentUser.set(new CurrentUser.SignedIn(caller.createdBy(), "API key " + caller.prefix(), List.of(),
                new TenantAccess(caller.tenantId(), "", false, Role.MEMBER, null)));
        return null;
    }

    private Response.ResponseBuilder problem(int status, String title, String detail) {
        return Response.status(status).type(ApiProblems.PROBLEM_JSON).entity(problems.body(status, title, detail));
    }
}
