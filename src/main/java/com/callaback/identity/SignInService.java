package com.callaback.identity;

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

    @Inject
    EntityManager em;
    @Inject
    MembershipDirectory directory;

    /**
     * Runs in its own transaction, before any tenant is set: sign_in_user() finds or adds the person and makes the
     * transaction act for them, so their own row may then be updated; businesses are read through definer functions.
     */
    public SignedIn signIn(SecurityIdentity identity) {
        Claims claims = Claims.of(identity);
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("select id, oidc_subject, email, name, active_tenant_id "
                    + "from sign_in_user(?1, ?2, ?3)").setParameter(1, claims.subject())
                    .setParameter(2, claims.email()).setParameter(3, claims.name()).getSingleResult();
            User user = new User();
            user.id = (UUID) row[0];
            user.oidcSubject = (String) row[1];
            user.email = (String) row[2];
            user.name = (String) row[3];
            user.activeTenantId = (UUID) row[4];
            List<TenantAccess> memberships = directory.membershipsOf(user.id);
            TenantAccess active = null;
            if (user.activeTenantId != null) {
                active = directory.accessTo(user.id, user.activeTenantId, memberships).orElse(null);
            }
            if (active == null && !memberships.isEmpty()) {
                active = memberships.get(0);
            }
            UUID activeId = active == null ? null : active.tenantId();
            if (!Objects.equals(activeId, user.activeTenantId)) {
                User.update("activeTenantId = ?1 where id = ?2", activeId, user.id);
            }
            return new SignedIn(user.id, user.displayName(), memberships, active);
        });
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
