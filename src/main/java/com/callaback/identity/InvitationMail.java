package com.callaback.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.callaback.web.PlatformConfig;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/** Emails an invitation link to the invited address; sent after the invitation is committed, never inside it. */
@ApplicationScoped
public class InvitationMail {

    private static final Logger LOG = Logger.getLogger(InvitationMail.class);

    @Inject
    Mailer mailer;
    @Inject
    PlatformConfig platform;

    /** The link the invitee opens. */
    public String link(String token) {
        return platform.publicBaseUrl() + "/invitations/" + token;
    }

    /** Sends the invitation; false when the mail server refused it, so the page can say so. */
    public boolean send(InvitationService.Created invitation, String invitedByName) {
        String link = link(invitation.token());
        String text = invitedByName + " invited you to join " + invitation.businessName() + " on Callaback as "
                + invitation.role() + ".\n\nOpen this link to join (it works once, for 7 days, when you sign in as "
                + invitation.email() + "):\n" + link + "\n\nIf you did not expect this, ignore this email.\n";
        try {
            mailer.send(Mail.withText(invitation.email(), "Join " + invitation.businessName() + " on Callaback", text));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Invitation %s could not be emailed: %s", invitation.id(), e.getMessage());
            return false;
        }
    }
}
