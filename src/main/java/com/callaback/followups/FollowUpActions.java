package com.callaback.followups;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import com.callaback.identity.AuditEntry;
import com.callaback.web.FieldErrors;

/**
 * What a person does to one follow-up: retry, cancel, reschedule, mark a call-back done. Each is one conditional
 * update on the row's status, so a row the dispatcher has claimed ({@code sending}) is never changed under it.
 */
@ApplicationScoped
public class FollowUpActions {

    @Inject
    FollowUpPlanner planner;

    /** A failed or held text goes out again now, with a fresh count of attempts. */
    @Transactional
    public void retry(UUID id, UUID actor) {
        FollowUp followUp = require(id);
        Instant now = Instant.now();
        int changed = FollowUp.update("status = ?1, scheduledAt = ?2, updatedAt = ?2, attempts = 0, "
                + "skipReason = null, claimedBy = null, leaseExpiresAt = null "
                + "where id = ?3 and type <> ?4 and status in ?5",
                FollowUpStatus.PENDING, now, id, FollowUpType.CALLBACK, FollowUpStatus.RETRYABLE);
        settled(changed, followUp, "Only a failed or held text can be retried");
        AuditEntry.record(actor, "follow_up.retried", "follow_up", id);
    }

    @Transactional
    public void cancel(UUID id, UUID actor) {
        FollowUp followUp = require(id);
        int changed = FollowUp.update("status = ?1, skipReason = ?2, updatedAt = ?3 where id = ?4 and status in ?5",
                FollowUpStatus.CANCELLED, SkipReason.CANCELLED_BY_TEAM, Instant.now(), id,
                FollowUpStatus.CANCELLABLE);
        settled(changed, followUp, "Only a follow-up that is due or on hold can be cancelled");
        AuditEntry.record(actor, "follow_up.cancelled", "follow_up", id);
    }

    /** Moves a due, held or failed follow-up to a local date-time of the business that is still ahead. */
    @Transactional
    public void reschedule(UUID id, String local, UUID actor) {
        FollowUp followUp = require(id);
        FieldErrors errors = new FieldErrors();
        Instant at = FollowUpPlanner.futureTime(local, planner.zone(), errors);
        errors.throwIfAny();
        int changed = FollowUp.update("status = ?1, scheduledAt = ?2, updatedAt = ?3, attempts = 0, "
                + "skipReason = null where id = ?4 and status in ?5", FollowUpStatus.PENDING, at, Instant.now(), id,
                FollowUpStatus.RESCHEDULABLE);
        settled(changed, followUp, "Only a follow-up that is due, on hold or failed can be rescheduled");
        AuditEntry.record(actor, "follow_up.rescheduled", "follow_up", id);
    }

    @Transactional
    public void done(UUID id, UUID actor) {
        FollowUp followUp = require(id);
        int changed = FollowUp.update("status = ?1, updatedAt = ?2 where id = ?3 and type = ?4 and status in ?5",
                FollowUpStatus.DONE, Instant.now(), id, FollowUpType.CALLBACK, Set.of(FollowUpStatus.PENDING));
        settled(changed, followUp, "Only a call-back still to make can be marked done");
        AuditEntry.record(actor, "follow_up.done", "follow_up", id);
    }

    /** The row exists in this business (else 404); the conditional update found it in a state that allows it. */
    private static void settled(int changed, FollowUp followUp, String rule) {
        if (changed == 0) {
            FollowUp.getEntityManager().refresh(followUp);
            throw new ClientErrorException(rule + "; this one is " + followUp.status.label().toLowerCase() + ".",
                    Response.Status.CONFLICT);
        }
    }

    private static FollowUp require(UUID id) {
        FollowUp followUp = FollowUp.findById(id);
        if (followUp == null) {
            throw new NotFoundException("No follow-up with that id");
        }
        return followUp;
    }
}
