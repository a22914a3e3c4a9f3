package com.callaback.billing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Texts the current business's billing held. Once billing allows sending, recent ones become due again and go
 * through every guard (quiet hours, cooldown, conversation) like any due text; ones planned longer ago than
 * {@code callaback.billing.held-text-max-age} are cancelled, since a reply to a call days late helps nobody.
 */
@ApplicationScoped
public class HeldTexts {

    @Inject
    EntityManager em;

    @Inject
    BillingConfig config;

    /** Returns how many texts became due again. */
    public int release() {
        long maxAgeSeconds = config.heldTextMaxAge().toSeconds();
        em.createNativeQuery("""
                update follow_ups set status = 'cancelled', updated_at = now()
                 where status = 'held' and skip_reason like 'billing\\_%' and created_at < now() - make_interval(secs => ?1)""")
                .setParameter(1, maxAgeSeconds).executeUpdate();
        return em.createNativeQuery("""
                update follow_ups set status = 'pending', skip_reason = null, attempts = 0, updated_at = now()
                 where status = 'held' and skip_reason like 'billing\\_%'""").executeUpdate();
    }
}
