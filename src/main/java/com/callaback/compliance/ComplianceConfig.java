package com.callaback.compliance;

import java.time.Duration;
import java.util.Optional;

import com.callaback.jobs.JobsConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** US texting registration: Twilio's TrustHub policies, the fees shown to the owner, and the status checks. */
@ConfigMapping(prefix = "callaback.compliance")
public interface ComplianceConfig {

    /** The registration worker: submits the steps still to run and reads the reviews back. */
    JobsConfig.Job job();

    /** How long after a check a registration under review is checked again. */
    @WithDefault("1h")
    Duration checkEvery();

    /** How long a step that Twilio refused or could not be reached waits before it is retried. */
    @WithDefault("5m")
    Duration retryAfter();

    /**
     * Held automatic text-backs older than this are cancelled, not sent, when the registration is approved: a
     * "sorry we missed your call" days after the call confuses more than it helps.
     */
    @WithDefault("72h")
    Duration staleAfter();

    /** TrustHub policy of a Secondary Customer Profile (ISV registering a business with an EIN). */
    @WithDefault("RNdfbf3fae0e1107f8aded0e7cead80bf5")
    String secondaryProfilePolicy();

    /** TrustHub policy of an A2P Messaging trust bundle for a standard brand. */
    @WithDefault("RNb0d4771c2c98518d916a3d4cd70a8f8b")
    String a2pTrustProductPolicy();

    /** TrustHub policy of a Starter Customer Profile (sole proprietor, no EIN). */
    @WithDefault("RN806dd6cd175f314e1f96a9727ee271f4")
    String starterProfilePolicy();

    /** TrustHub policy of the Sole Proprietor A2P trust bundle. */
    @WithDefault("RN670d5d2e282a6130ae063b234b6019c8")
    String soleProprietorTrustProductPolicy();

    /** The platform's own approved Primary Customer Profile (BU...), assigned to each business's profile. */
    Optional<String> primaryCustomerProfileSid();

    /** Where Twilio mails profile review updates; the business contact's e-mail when unset. */
    Optional<String> notificationEmail();

    /** Twilio's one-time brand registration and vetting fee for a standard brand, in US cents. */
    @WithDefault("4400")
    int standardBrandFeeCents();

    /** Twilio's one-time brand registration fee for a sole proprietor, in US cents. */
    @WithDefault("400")
    int soleProprietorBrandFeeCents();

    /** Twilio's one-time campaign vetting fee, in US cents. */
    @WithDefault("1500")
    int campaignVettingFeeCents();

    /** Twilio's monthly campaign fee for a standard brand's campaign, in US cents. */
    @WithDefault("1000")
    int standardCampaignMonthlyCents();

    /** Twilio's monthly campaign fee for a sole proprietor's campaign, in US cents. */
    @WithDefault("200")
    int soleProprietorCampaignMonthlyCents();
}
