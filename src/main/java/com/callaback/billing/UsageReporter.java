package com.callaback.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.jobs.JobClaim;
import com.callaback.jobs.JobsConfig;
import com.callaback.jobs.TenantJob;
import com.callaback.jobs.TenantJobRunner;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;

import io.quarkus.scheduler.Scheduled;

/**
 * Reports billable texts to Stripe as meter events, one per message with the message SID as identifier, through
 * the usage_reports ledger: a text enters the ledger once (unique per message) in the transaction that makes it
 * billable, and leaves it (cancelled) if it fails before it is reported; a claimed row is
 * reported with no transaction open, and only then marked reported. A crash between Stripe's answer and our commit
 * leaves the row pending; when its lease runs out it is sent again with the same identifier, which Stripe drops as a
 * duplicate (within 24 hours; docs/billing.md says what covers beyond). Failures wait longer each time.
 */
@ApplicationScoped
public class UsageReporter implements TenantJob<UsageReporter.Report, UsageReporter.Result> {

    /** A ledger row to send: the meter event's fields. */
    public record Report(UUID id, String messageSid, int segments, Instant occurredAt, String customerId) {
    }

    /** What Stripe answered for one row: reported, or the error. */
    public record Result(UUID id, String customerId, String error) {
    }

    @Inject
    TenantJobRunner runner;
    @Inject
    StripeGateway stripe;
    @Inject
    BillingConfig config;
    @Inject
    TenantContext tenantContext;
    @Inject
    EntityManager em;

    @Scheduled(identity = "usage-reporter", every = "${callaback.billing.usage.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        reportDue();
    }

    /**
     * Reports what is due; returns how many rows were settled. The ledger rows are written by the writer of
     * sms_metrics (V25's trigger), so a round reads the ledger's due rows only, never the texts.
     */
    public int reportDue() {
        return runner.run(this, "usage-" + ProcessHandle.current().pid()).done();
    }

    @Override
    public String name() {
        return "Usage reports";
    }

    @Override
    public JobsConfig.Job settings(JobsConfig jobs) {
        BillingConfig.Usage usage = config.usage();
        return new JobsConfig.Job() {
            public String every() {
                return usage.every();
            }

            public Optional<Integer> batchSize() {
                return Optional.of(usage.batchSize());
            }

            public Optional<Duration> lease() {
                return Optional.of(usage.lease());
            }
        };
    }

    @Override
    public List<JobClaim> claim(String worker, int batch, Duration lease) {
        return JobClaim.leased(em, "claim_usage_reports", worker, batch, lease);
    }

    /** Rows with no paying customer, or in local mode, are settled here; the rest go to Stripe. */
    @Override
    public List<Report> prepare(List<UUID> ids, String worker) {
        String customer = payingCustomer(Tenant.findById(tenantContext.require()));
        List<Report> reports = new ArrayList<>();
        for (UsageReport row : UsageReport.<UsageReport>list("id in ?1 and claimedBy = ?2 and status = ?3", ids, worker,
                UsageStatus.PENDING)) {
            if (config.local() || customer == null) {
                row.status = config.local() ? UsageStatus.LOCAL : UsageStatus.NOT_BILLED;
                row.stripeCustomerId = customer;
                row.reportedAt = Instant.now();
                release(row);
            } else {
                reports.add(new Report(row.id, row.messageSid, row.segments, row.occurredAt, customer));
            }
        }
        return reports;
    }

    @Override
    public Result callOut(UUID tenantId, Report report, String worker) {
        try {
            stripe.reportUsage(report.customerId(), report.messageSid(), report.segments(), report.occurredAt());
            return new Result(report.id(), report.customerId(), null);
        } catch (StripeGateway.StripeFailure e) {
            return new Result(report.id(), report.customerId(), e.getMessage());
        }
    }

    @Override
    public int record(List<Result> results, String worker) {
        int reported = 0;
        Instant now = Instant.now();
        for (Result result : results) {
            UsageReport row = UsageReport.findById(result.id());
            // A text that failed while its meter event was on its way was counted by Stripe: the ledger says so,
            // since the reconciliation compares it with what Stripe received.
            boolean failedMeanwhile = row != null && row.status == UsageStatus.CANCELLED && result.error() == null;
            if (row == null || (row.status != UsageStatus.PENDING && !failedMeanwhile)) {
                continue;
            }
            if (result.error() == null) {
                row.status = UsageStatus.REPORTED;
                row.stripeCustomerId = result.customerId();
                row.reportedAt = now;
                row.lastError = failedMeanwhile ? "The text failed after its usage was sent to Stripe." : null;
                reported++;
            } else {
                row.lastError = result.error().length() > 500 ? result.error().substring(0, 500) : result.error();
                if (row.attempts >= config.usage().maxAttempts()) {
                    row.status = UsageStatus.FAILED;
                } else {
                    row.nextAttemptAt = now.plus(config.usage().firstRetry().multipliedBy(1L << Math.min(20,
                            Math.max(0, row.attempts - 1))));
                }
            }
            release(row);
        }
        return reported;
    }

    /**
     * The customer this business's usage is billed to: its agency's when the agency pays for it; none while there
     * is no subscription (a trial is not billed).
     */
    static String payingCustomer(Tenant tenant) {
        if (tenant.paidByAgency && tenant.agencyId != null) {
            Tenant.Agency payer = Tenant.agencyOfCurrent().orElse(null);
            return payer == null || payer.stripeSubscriptionId() == null ? null : payer.stripeCustomerId();
        }
        return tenant.stripeSubscriptionId == null ? null : tenant.stripeCustomerId;
    }

    private static void release(UsageReport row) {
        row.claimedBy = null;
        row.leaseExpiresAt = null;
    }
}
