package com.callaback.messaging;

import static com.callaback.messaging.OutboundTextService.fail;
import static com.callaback.messaging.OutboundTextService.settle;
import static com.callaback.messaging.OutboundTextService.truncate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.contacts.Contact;
import com.callaback.contacts.OptOutSource;
import com.callaback.followups.Backoff;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.jobs.TenantJob;
import com.callaback.telephony.TwilioFailure;

/**
 * The database side of what came of a business's sends, in that business: texts Twilio accepted ({@link SentTexts}),
 * refusals (retried with backoff or failed for good), and texts whose sender number had no capacity left.
 */
@ApplicationScoped
public class TextOutcomes {

    @Inject
    EntityManager em;
    @Inject
    SentTexts sentTexts;
    @Inject
    DispatcherConfig config;

    /** What became of one planned text. */
    public sealed interface Outcome {
        OutboundTextService.Plan plan();
    }

    /** Twilio accepted the text. */
    public record Sent(OutboundTextService.Plan plan, String messageSid) implements Outcome {
    }

    /** Twilio refused it or could not be reached. */
    public record Refused(OutboundTextService.Plan plan, TwilioFailure failure) implements Outcome {
    }

    /** Its sender number had no capacity left: it goes back to the queue, not counted as an attempt. */
    public record Paced(OutboundTextService.Plan plan, Instant retryAt) implements Outcome {
    }

    /**
     * Twilio is out of service for its subaccount ({@link TwilioAvailability}): it goes back to the queue until
     * {@code retryAt}, not counted as an attempt; {@code failure} is the failure that showed it, if it was tried.
     */
    public record Deferred(OutboundTextService.Plan plan, Instant retryAt, TwilioFailure failure) implements Outcome {
    }

    /** Recorded as sent already; its status callbacks arrived before that record and are still to apply. */
    public record EarlyCallbacks(OutboundTextService.Plan plan, String messageSid) implements Outcome {
    }

    /**
     * Records the texts Twilio accepted with plain SQL only (so in a transaction several businesses share);
     * refusals, paced texts and early callbacks are left for {@link #record} in the business's own transaction.
     */
    public TenantJob.Recorded<Outcome> recordSent(List<Outcome> outcomes) {
        List<Sent> sent = new ArrayList<>();
        List<Outcome> left = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Sent accepted) {
                sent.add(accepted);
            } else {
                left.add(outcome);
            }
        }
        Set<String> early = Set.copyOf(sentTexts.insert(sent));
        sent.stream().filter(text -> early.contains(text.messageSid()))
                .forEach(text -> left.add(new EarlyCallbacks(text.plan(), text.messageSid())));
        return new TenantJob.Recorded<>(sent.size(), left);
    }

    /** Records what became of this business's texts; returns how many Twilio accepted. */
    public int record(List<Outcome> outcomes, String worker) {
        List<Sent> sent = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Sent accepted) {
                sent.add(accepted);
            } else if (outcome instanceof Refused refused) {
                recordFailure(refused.plan().followUpId(), worker, refused.failure());
            } else if (outcome instanceof Paced paced) {
                release(paced.plan().followUpId(), worker, paced.retryAt());
            } else if (outcome instanceof Deferred deferred) {
                defer(deferred, worker);
            } else if (outcome instanceof EarlyCallbacks early) {
                sentTexts.applyEarlyCallbacks(List.of(early.messageSid()));
            }
        }
        sentTexts.record(sent);
        return sent.size();
    }

    /** Puts a claimed text back in the queue for {@code at}, without counting the claim as an attempt. */
    void release(UUID followUpId, String worker, Instant at) {
        em.createNativeQuery("update follow_ups set status = 'pending', claimed_by = null, lease_expires_at = null, "
                + "attempts = greatest(attempts - 1, 0), scheduled_at = ?1, updated_at = now() "
                + "where tenant_id = current_tenant_id() and id = ?2 and status = 'sending' and claimed_by = ?3")
                .setParameter(1, at).setParameter(2, followUpId).setParameter(3, worker).executeUpdate();
    }

    /**
     * Back to the queue while Twilio is out of service, saying why on the text (the follow-ups page shows it), not
     * counted as an attempt; a text that has waited longer than {@code outage-give-up-after} fails for good instead.
     */
    private void defer(Deferred deferred, String worker) {
        TwilioFailure failure = deferred.failure();
        int waiting = em.createNativeQuery("update follow_ups set status = 'pending', claimed_by = null, "
                + "lease_expires_at = null, attempts = greatest(attempts - 1, 0), scheduled_at = ?1, "
                + "waiting_for_twilio_since = coalesce(waiting_for_twilio_since, now()), "
                + "last_error_code = coalesce(nullif(?2, ''), last_error_code), "
                + "last_error = coalesce(nullif(?3, ''), last_error), updated_at = now() "
                + "where tenant_id = current_tenant_id() and id = ?4 and status = 'sending' and claimed_by = ?5 "
                + "and coalesce(waiting_for_twilio_since, now()) > now() - make_interval(secs => ?6)")
                .setParameter(1, deferred.retryAt())
                .setParameter(2, failure == null ? "" : failure.errorCode())
                .setParameter(3, failure == null ? "" : truncate("Waiting for Twilio: " + failure.getMessage()))
                .setParameter(4, deferred.plan().followUpId()).setParameter(5, worker)
                .setParameter(6, (double) config.outageGiveUpAfter().toSeconds()).executeUpdate();
        if (waiting == 1) {
            return;
        }
        FollowUp followUp = FollowUp.findById(deferred.plan().followUpId());
        if (followUp != null && followUp.status == FollowUpStatus.SENDING && worker.equals(followUp.claimedBy)) {
            Contact contact = Contact.findById(followUp.contactId);
            fail(followUp, contact.displayName(), "twilio_unavailable",
                    "Twilio was out of service for this number's account for longer than "
                            + config.outageGiveUpAfter().toHours() + " hours; the text was not sent");
        }
    }

    /** Twilio refused or was unreachable: retry later with backoff, or fail for good and tell the team. */
    public void recordFailure(UUID followUpId, String worker, TwilioFailure failure) {
        FollowUp followUp = FollowUp.findById(followUpId);
        if (followUp == null || followUp.status != FollowUpStatus.SENDING || !worker.equals(followUp.claimedBy)) {
            return;
        }
        if (failure.retryable() && followUp.attempts < followUp.maxAttempts) {
            settle(followUp, FollowUpStatus.PENDING, null);
            followUp.scheduledAt = Instant.now().plus(Backoff.delayFor(followUp.attempts));
            followUp.lastErrorCode = failure.errorCode();
            followUp.lastError = truncate(failure.getMessage());
            return;
        }
        Contact contact = Contact.findById(followUp.contactId);
        if ("21610".equals(failure.errorCode())) {
            contact.optOut(OptOutSource.CARRIER);
        } else if ("21211".equals(failure.errorCode()) || "21614".equals(failure.errorCode())) {
            contact.phoneInvalid = true;
        }
        fail(followUp, contact.displayName(), failure.errorCode(), failure.getMessage());
    }
}
