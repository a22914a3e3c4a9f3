package com.callaback.dashboard.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.identity.User;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.SecurityEvent;

/** Signing out ends the person's live streams on every replica (announced like the events, see V21); observed
 * asynchronously because the sign-out is handled on an I/O thread. */
@ApplicationScoped
public class LiveSignOut {

    @Inject
    EntityManager em;

    void signedOut(@ObservesAsync SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED || event.getSecurityIdentity() == null) {
            return;
        }
        String subject = event.getSecurityIdentity().getPrincipal().getName();
        QuarkusTransaction.requiringNew().run(() -> User.idOfSubject(subject).ifPresent(userId -> em
                .createNativeQuery("select 1 from pg_notify(?1, ?2)").setParameter(1, LiveAnnouncements.SIGN_OUTS)
                .setParameter(2, userId.toString()).getSingleResult()));
    }
}
