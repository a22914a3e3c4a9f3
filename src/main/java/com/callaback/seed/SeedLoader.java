package com.callaback.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.InteractionType;
import com.callaback.contacts.Lead;
import com.callaback.contacts.LeadCategory;
import com.callaback.contacts.LeadStatus;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.identity.Membership;
import com.callaback.identity.User;
import com.callaback.telephony.BusinessHours;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Loads the businesses of a seed folder ({@code tenants-seed/}: the demo; or businesses moved from elsewhere with
 * their Twilio subaccount). Idempotent: every row has a stable id derived from the business slug and its key in
 * the file, and a row that exists already is left as it is, except an imported subaccount's changed token.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TenantScope tenantScope;
    @Inject
    EntityManager em;
    @Inject
    SeedTelephony telephony;

    /**
     * Loads every {@code *.yaml} file of the folder, in name order; returns the slugs of the businesses. Hibernate
     * resolves the tenant from the request context, so a command-line run needs one too.
     */
    @ActivateRequestContext
    public List<String> loadFolder(Path folder) {
        List<SeedBusiness> businesses = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                businesses.add(YAML.readValue(file.toFile(), SeedBusiness.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the seed folder " + folder.toAbsolutePath(), e);
        }
        // Every file's form is checked before the first is loaded, so a typo in one leaves the database untouched.
        businesses.forEach(SeedLoader::check);
        List<String> loaded = new ArrayList<>();
        businesses.forEach(business -> load(business, null, loaded));
        LOG.infof("Seed data loaded from %s: %s", folder, loaded);
        return loaded;
    }

    /** Checks what can be checked without the database, in the business and its clients. */
    private static void check(SeedBusiness spec) {
        if (spec.slug() == null || spec.slug().isBlank()) {
            throw new IllegalArgumentException("Seed business \"" + spec.name() + "\": slug is missing");
        }
        if (spec.forwardingPhone() != null && PhoneNumberFormat.toE164(spec.forwardingPhone()).isEmpty()) {
            throw invalid(spec, "forwardingPhone", "\"" + spec.forwardingPhone() + "\" is not a valid phone number");
        }
        if (spec.businessHours() != null) {
            try {
                BusinessHours.parse(json(spec.businessHours()));
            } catch (IllegalArgumentException e) {
                throw invalid(spec, "businessHours", e.getMessage());
            }
        }
        SeedTelephony.check(spec);
        spec.clients().forEach(SeedLoader::check);
    }

    /** A mistake in a seed file, naming the business and the field so the operator can find it. */
    static IllegalArgumentException invalid(SeedBusiness spec, String field, String problem) {
        return new IllegalArgumentException("Seed business '" + spec.slug() + "': " + field + " " + problem);
    }

    private void load(SeedBusiness spec, UUID agencyId, List<String> loaded) {
        UUID existing = QuarkusTransaction.requiringNew().call(() -> Tenant.idBySlug(spec.slug()).orElse(null));
        telephony.refuseTakenByOthers(spec, existing);
        // Inserted as itself: row-level security lets a transaction write only the business it acts for.
        UUID tenantId = existing != null ? existing
                : tenantScope.call(stableId(spec.slug(), "tenant"), () -> insertTenant(spec, agencyId));
        List<UUID> userIds = QuarkusTransaction.requiringNew().call(() -> spec.members().stream()
                .map(this::upsertUser).toList());
        tenantScope.run(tenantId, () -> {
            for (int i = 0; i < spec.members().size(); i++) {
                ensureMembership(userIds.get(i), spec.members().get(i).role());
            }
            // A closed business stays closed: reloading its file does not put its numbers back into service.
            if (!Tenant.<Tenant>findById(tenantId).status.equals("closed")) {
                telephony.ensure(spec);
            }
            spec.contacts().forEach(contact -> ensureContact(spec.slug(), contact));
        });
        loaded.add(spec.slug());
        for (SeedBusiness client : spec.clients()) {
            load(client, tenantId, loaded);
        }
    }

    private UUID insertTenant(SeedBusiness spec, UUID agencyId) {
        Tenant tenant = new Tenant();
        tenant.id = stableId(spec.slug(), "tenant");
        tenant.slug = spec.slug();
        tenant.name = spec.name();
        tenant.kind = spec.kind() == null ? Tenant.Kind.business.name() : spec.kind();
        tenant.agencyId = agencyId;
        tenant.timezone = spec.timezone() == null ? tenant.timezone : spec.timezone();
        tenant.forwardingPhone = spec.forwardingPhone() == null ? null : e164(spec.forwardingPhone());
        tenant.requestedAreaCode = spec.areaCode();
        tenant.autoReplyText = spec.autoReplyText();
        if (spec.autoReplyDelaySeconds() != null) {
            tenant.autoReplyDelaySeconds = spec.autoReplyDelaySeconds();
        }
        if (spec.businessHours() != null) {
            tenant.businessHours = json(spec.businessHours());
        }
        if (spec.quietHoursStart() != null && spec.quietHoursEnd() != null) {
            tenant.quietHoursStart = java.time.LocalTime.parse(spec.quietHoursStart());
            tenant.quietHoursEnd = java.time.LocalTime.parse(spec.quietHoursEnd());
        }
        tenant.provisioningStatus = spec.numbers().isEmpty() ? "none" : "done";
        tenant.persist();
        return tenant.id;
    }

    private UUID upsertUser(SeedBusiness.Member member) {
        return User.idForSubject(member.subject(), member.email(), member.name());
    }

    private void ensureMembership(UUID userId, String role) {
        if (Membership.findByUser(userId).isEmpty()) {
            Membership membership = new Membership();
            membership.userId = userId;
            membership.role = role;
            membership.persist();
        }
    }

    private void ensureContact(String slug, SeedContact spec) {
        String phone = e164(spec.phone());
        Contact contact = Contact.findByPhone(phone).orElse(null);
        if (contact == null) {
            contact = new Contact();
            contact.id = stableId(slug, "contact:" + phone);
            contact.phone = phone;
            contact.name = spec.name();
            contact.email = spec.email();
            contact.source = "seed";
            contact.persist();
        }
        Instant now = Instant.now();
        for (SeedContact.Activity activity : spec.interactions()) {
            UUID id = stableId(slug, "interaction:" + activity.key());
            if (Interaction.findById(id) == null) {
                Interaction interaction = new Interaction();
                interaction.id = id;
                interaction.contactId = contact.id;
                interaction.type = InteractionType.fromDb(activity.type());
                interaction.direction = Direction.fromDb(activity.direction());
                interaction.status = InteractionStatus.fromDb(activity.status());
                interaction.body = activity.body();
                interaction.category = activity.category();
                if ("call".equals(activity.type())) {
                    interaction.callSid = twilioSid("CA", slug + activity.key());
                } else {
                    interaction.messageSid = twilioSid("SM", slug + activity.key());
                }
                interaction.occurredAt = now.minus(Duration.ofMinutes(activity.minutesAgo()));
                interaction.persist();
            }
        }
        if (spec.lead() != null && Lead.findById(stableId(slug, "lead:" + phone)) == null) {
            Lead lead = new Lead();
            lead.id = stableId(slug, "lead:" + phone);
            lead.contactId = contact.id;
            lead.status = LeadStatus.fromDb(spec.lead().status());
            lead.category = spec.lead().category() == null ? LeadCategory.LEAD
                    : LeadCategory.valueOf(spec.lead().category());
            lead.source = "seed";
            lead.persist();
        }
        for (SeedContact.FollowUpSpec spec2 : spec.followUps()) {
            UUID id = stableId(slug, "follow-up:" + spec2.key());
            if (FollowUp.findById(id) == null) {
                FollowUp followUp = new FollowUp();
                followUp.id = id;
                followUp.contactId = contact.id;
                followUp.type = FollowUpType.fromDb(spec2.type());
                followUp.status = FollowUpStatus.fromDb(spec2.status());
                followUp.body = spec2.body();
                followUp.scheduledAt = now.plus(Duration.ofMinutes(spec2.minutesFromNow()));
                followUp.persist();
            }
        }
    }

    private static String e164(String raw) {
        return PhoneNumberFormat.toE164(raw)
                .orElseThrow(() -> new IllegalArgumentException("Seed file has an invalid phone number: " + raw));
    }

    static UUID stableId(String scope, String key) {
        return UUID.nameUUIDFromBytes(("callaback-seed:" + scope + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(java.util.Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-formed, obviously fake Twilio SID (prefix + 32 hex digits) derived from the key. */
    static String twilioSid(String prefix, String key) {
        UUID a = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        return prefix + HexFormat.of().toHexDigits(a.getMostSignificantBits())
                + HexFormat.of().toHexDigits(a.getLeastSignificantBits());
    }
}
