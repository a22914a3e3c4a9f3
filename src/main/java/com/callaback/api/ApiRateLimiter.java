package com.callaback.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.tenant.TenantScope;

/**
 * The rate limit of each API key, shared by every replica: requests are counted per key in fixed one-minute windows
 * in PostgreSQL (api_request_windows, V26), one upsert per request, so a key gets its limit once however many
 * replicas serve it. A fixed window lets a key send up to twice its limit across a minute's boundary, which is
 * within what the limit is for (keeping one integration from taking the service) and costs no more than the upsert.
 */
@ApplicationScoped
public class ApiRateLimiter {

    /** Counts this request in its key's current window; returns how many the window holds and its seconds left. */
    private static final String COUNT = """
            insert into api_request_windows (tenant_id, api_key_id, window_start, requests)
            values (current_tenant_id(), ?1, date_trunc('minute', now()), 1)
            on conflict (tenant_id, api_key_id, window_start)
              do update set requests = api_request_windows.requests + 1
            returning requests, ceil(extract(epoch from (window_start + interval '1 minute' - clock_timestamp())))""";

    @Inject
    ApiConfig config;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    /** Zero if the request may go ahead; otherwise the whole seconds to wait until the key's next window. */
    public long take(UUID tenantId, UUID apiKeyId) {
        Object[] window = scope.call(tenantId, () -> (Object[]) em.createNativeQuery(COUNT)
                .setParameter(1, apiKeyId).getSingleResult());
        long requests = ((Number) window[0]).longValue();
        long secondsLeft = ((Number) window[1]).longValue();
        return requests <= config.rateLimit().perMinute() ? 0 : Math.max(1, Math.min(60, secondsLeft));
    }
}
