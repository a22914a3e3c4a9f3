package com.callaback.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.callaback.identity.CurrentUser.SignedIn;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

/** Maps an OIDC login to a {@link User} row and works out the business the user acts in for this request. */
@ApplicationScoped
public class SignInService {

    private static final Duration LOGIN_TOUCH_INTERVAL = Duration.ofMinutes(10);

    @Inject
    EntityManager em;
    @Inject
    MembershipDirectory directory;

    /** Runs in its own transaction, before any tenant is set, and reads only global routing data. */
    public SignedIn signIn(SecurityIdentity identity) {
        Claims claims = Claims.of(identity);
        return QuarkusTransaction.requiringNew().call(() -> {
            User user = findOrCreate(claims);
            List<TenantAccess> memberships = directory.membershipsOf(user.id);
            TenantAccess active = null;
            if (user.activeTenantId != null) {
                active = directory.accessTo(user.activeTenantId, memberships).orElse(null);
            }
            if (active == null && !memberships.isEmpty()) {
                active = memberships.get(0);
            }
            UUID activeId = active == null ? null : active.tenantId();
            if (!Objects.equals(activeId, user.activeTenantId)) {
                user.activeTenantId = activeId;
            }
            return new SignedIn(user.id, user.displayName(), memberships, active);
        });
    }

    private User findOrCreate(Claims claims) {
        User user = User.findBySubject(claims.subject()).orElseGet(() -> {
            // Two first requests of a new user may race: insert-if-absent, then read.
            em.createNativeQuery("insert into users (id, oidc_subject, email, name, last_login_at) "
                    + "values (?1, ?2, ?3, ?4, now()) on conflict (oidc_subject) do nothing")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, claims.subject())
                    .setParameter(3, claims.email())
                    .setParameter(4, claims.name())
                    .executeUpdate();
            return User.findBySubject(claims.subject()).orElseThrow();
        });
        Instant now = Instant.now();
        if (user.lastLoginAt == null || user.lastLoginAt.isBefore(now.minus(LOGIN_TOUCH_INTERVAL))) {
            user.lastLoginAt = now;
        }
        if (claims.email() != null && !claims.email().equals(user.email)) {
            user.email = claims.email();
        }
        if (claims.name() != null && !claims.name().equals(user.name)) {
            user.name = claims.name();
        }
        return user;
    }

    record Claims(String subject, String email, String name) {

        static Claims of(SecurityIdentity identity) {
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
                return new Claims(subject, jwt.getClaim("email"), jwt.getClaim("name"));
            }
            return new Claims(identity.getPrincipal().getName(), null, null);
        }
    }
}
