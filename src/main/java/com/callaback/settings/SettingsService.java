package com.callaback.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.identity.AuditEntry;
import com.callaback.messaging.MergeFields;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;

/** Reads and changes the active business's settings; the call and text flows read them fresh on every call. */
@ApplicationScoped
public class SettingsService {

    /** The caller the live preview is written for. */
    static final String SAMPLE_NAME = "Sam Rivera";

    @Inject
    TenantContext tenantContext;

    @Transactional
    public SettingsForm current() {
        return SettingsForm.of(tenant());
    }

    @Transactional
    public String businessName() {
        return tenant().name;
    }

    /** The auto-reply as the sample caller would receive it, filled the way the outbox fills it. */
    @Transactional
    public TextPreview preview(String template) {
        Tenant tenant = tenant();
        String number = PhoneNumber.findFirstActive().map(n -> n.e164).orElse("");
        return TextPreview.of(MergeFields.render(template, Map.of(
                MergeFields.BUSINESS_NAME, tenant.name,
                MergeFields.CONTACT_NAME, SAMPLE_NAME,
                MergeFields.FIRST_NAME, SAMPLE_NAME.split(" ")[0],
                MergeFields.BUSINESS_PHONE, number)));
    }

    /**
     * Checks and stores the form, and writes one audit line naming the fields that changed (names only: a
     * forwarding phone is personal data and stays out of the log).
     *
     * @return the names of the fields that changed
     */
    @Transactional
    public List<String> save(UUID actor, SettingsForm form) {
        Tenant tenant = tenant();
        SettingsForm.Valid v = form.check(tenant.businessHours, new FieldErrors());
        List<String> changed = new ArrayList<>();
        apply(changed, "auto_reply_enabled", tenant.autoReplyEnabled, v.autoReplyEnabled(),
                x -> tenant.autoReplyEnabled = x);
        apply(changed, "auto_reply_text", tenant.autoReplyText, v.autoReplyText(), x -> tenant.autoReplyText = x);
        apply(changed, "auto_reply_delay", tenant.autoReplyDelaySeconds, v.autoReplyDelaySeconds(),
                x -> tenant.autoReplyDelaySeconds = x);
        if (!WeeklyHours.same(tenant.businessHours, v.businessHours())) {
            changed.add("business_hours");
            tenant.businessHours = v.businessHours();
        }
        apply(changed, "quiet_hours_start", tenant.quietHoursStart, v.quietHoursStart(),
                x -> tenant.quietHoursStart = x);
        apply(changed, "quiet_hours_end", tenant.quietHoursEnd, v.quietHoursEnd(), x -> tenant.quietHoursEnd = x);
        apply(changed, "cooldown_hours", tenant.cooldownHours, v.cooldownHours(), x -> tenant.cooldownHours = x);
        apply(changed, "forwarding_phone", tenant.forwardingPhone, v.forwardingPhone(),
                x -> tenant.forwardingPhone = x);
        apply(changed, "voicemail_greeting", tenant.voicemailGreeting, v.voicemailGreeting(),
                x -> tenant.voicemailGreeting = x);
        apply(changed, "help_text", tenant.helpText, v.helpText(), x -> tenant.helpText = x);
        apply(changed, "timezone", tenant.timezone, v.timezone(), x -> tenant.timezone = x);
        if (!changed.isEmpty()) {
            AuditEntry.record(actor, "settings.updated", "business", tenant.id, Map.of("fields", changed));
        }
        return changed;
    }

    private static <T> void apply(List<String> changed, String field, T current, T next, Consumer<T> set) {
        if (!Objects.equals(current, next)) {
            changed.add(field);
            set.accept(next);
        }
    }

    private Tenant tenant() {
        return Tenant.findById(tenantContext.require());
    }
}
