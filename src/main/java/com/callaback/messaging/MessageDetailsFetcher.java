package com.callaback.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.contacts.Interaction;
import com.callaback.jobs.JobClaim;
import com.callaback.jobs.JobsConfig;
import com.callaback.jobs.TenantJob;
import com.callaback.jobs.TenantJobRunner;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;

import io.quarkus.scheduler.Scheduled;

/**
 * Fills price and segment count of finished texts by fetching each message from Twilio: status callbacks do not
 * carry them reliably, and usage billing counts segments. A {@link TenantJob}: the messages of one business are
 * read and written in one transaction each, the fetches run with none open.
 */
@ApplicationScoped
public class MessageDetailsFetcher {

    private static final Logger LOG = Logger.getLogger(MessageDetailsFetcher.class);

    @Inject
    EntityManager em;
    @Inject
    TenantJobRunner runner;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    TwilioGateway twilio;
    @Inject
    DispatcherConfig config;

    /** A message to ask Twilio about. */
    record Target(UUID metricId, String messageSid, TwilioGateway.Credentials credentials) {
    }

    /** What Twilio answered: the details, or a failure. */
    record Answer(UUID metricId, TwilioGateway.MessageDetails details, TwilioFailure failure) {
    }

    @Scheduled(identity = "message-details", every = "${callaback.jobs.message-details.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        fetchDue((int) config.detailsDelay().toSeconds());
    }

    /** Fetches details of messages final for at least {@code minAgeSeconds}; returns how many were filled. */
    public int fetchDue(int minAgeSeconds) {
        return runner.run(new Round(minAgeSeconds), "message-details").done();
    }

    /** One round's job: which messages are due depends on the age asked for. */
    private final class Round implements TenantJob<Target, Answer> {

        private final int minAgeSeconds;

        Round(int minAgeSeconds) {
            this.minAgeSeconds = minAgeSeconds;
        }

        @Override
        public String name() {
            return "Message details";
        }

        @Override
        public JobsConfig.Job settings(JobsConfig jobs) {
            return jobs.messageDetails();
        }

        @Override
        public List<JobClaim> claim(String worker, int batch, Duration lease) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select tenant_id, sms_metric_id from message_details_due(?1, ?2)")
                    .setParameter(1, batch).setParameter(2, minAgeSeconds).getResultList();
            return JobClaim.of(rows);
        }

        /** The due query takes no lease: a message whose fetch failed would come straight back. */
        @Override
        public boolean keepsClaiming() {
            return false;
        }

        @Override
        public List<Target> prepare(List<UUID> ids, String worker) {
            List<SmsMetric> metrics = SmsMetric.list("id in ?1", ids);
            Map<String, UUID> numberOfSid = new HashMap<>();
            Interaction.<Interaction>list("messageSid in ?1", metrics.stream().map(m -> m.messageSid).toList())
                    .forEach(i -> numberOfSid.put(i.messageSid, i.phoneNumberId));
            List<Target> targets = new ArrayList<>();
            for (SmsMetric metric : metrics) {
                TwilioGateway.Credentials account = credentials.forNumber(numberOfSid.get(metric.messageSid));
                if (account == null) {
                    metric.detailsFetchedAt = Instant.now(); // nothing to ask Twilio with (the subaccount is gone)
                } else {
                    targets.add(new Target(metric.id, metric.messageSid, account));
                }
            }
            return targets;
        }

        @Override
        public Answer callOut(UUID tenantId, Target target, String worker) {
            try {
                return new Answer(target.metricId(), twilio.fetchMessage(target.credentials(), target.messageSid()),
                        null);
            } catch (TwilioFailure e) {
                LOG.warnf("Details of %s not fetched: %s", target.messageSid(), e.getMessage());
                return new Answer(target.metricId(), null, e);
            }
        }

        @Override
        public int record(List<Answer> answers, String worker) {
            Map<UUID, SmsMetric> metrics = SmsMetric.<SmsMetric>list("id in ?1",
                    answers.stream().map(Answer::metricId).toList()).stream()
                    .collect(Collectors.toMap(m -> m.id, Function.identity()));
            int filled = 0;
            for (Answer answer : answers) {
                SmsMetric metric = metrics.get(answer.metricId());
                if (metric == null) {
                    continue;
                }
                if (answer.details() != null) {
                    metric.segments = answer.details().segments();
                    metric.price = answer.details().price() == null ? null : answer.details().price().abs();
                    metric.priceUnit = answer.details().priceUnit();
                    metric.detailsFetchedAt = Instant.now();
                    filled++;
                } else if (!answer.failure().retryable()) {
                    metric.detailsFetchedAt = Instant.now();
                }
            }
            return filled;
        }
    }
}
