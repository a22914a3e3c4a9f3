package com.callaback.followups;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Why a text was held, skipped or cancelled instead of sent, in plain words; a hold also says what unblocks it and
 * where. Stored lowercase in {@code follow_ups.skip_reason} ("compliance_registration_required").
 */
public enum SkipReason {
    COMPLIANCE_REGISTRATION_REQUIRED("US carriers block texts until your texting registration (A2P 10DLC) is done.",
            "Finish texting registration under Numbers", "/settings/numbers"),
    COMPLIANCE_PENDING("US carriers are still reviewing your texting registration (A2P 10DLC).",
            "Check its progress under Numbers; held texts go out once it is approved", "/settings/numbers"),
    COMPLIANCE_REJECTED("US carriers rejected your texting registration (A2P 10DLC).",
            "Correct the registration under Numbers", "/settings/numbers"),
    BILLING_PAST_DUE("Texts are held because a payment is past due.",
            "Update your payment method under Billing; held texts go out once it is settled", "/billing"),
    BILLING_CANCELED("Texts are held because the subscription is cancelled.",
            "Choose a plan under Billing; held texts are kept until then", "/billing"),
    BILLING_UNPAID("Texts are held because the account is unpaid.",
            "Settle the balance under Billing; held texts are kept until then", "/billing"),
    BILLING_TRIALING("Texts are held because the free trial's texts are used up.",
            "Choose a plan under Billing; held texts go out once it is active", "/billing"),
    OPTED_OUT("The contact opted out of texts (STOP, or marked do not text by your team); only their START reply "
            + "allows texting them again.", null, null),
    COOLDOWN("The customer already got an automatic text recently.", null, null),
    ACTIVE_CONVERSATION("You were already texting with the customer, so the automatic text was not needed.",
            null, null),
    QUIET_HOURS("It was quiet hours for the business; the text waits until they end.", null, null),
    CANCELLED_BY_TEAM("Someone on the team cancelled it.", null, null);

    private static final Set<SkipReason> COMPLIANCE = EnumSet.of(COMPLIANCE_REGISTRATION_REQUIRED,
            COMPLIANCE_PENDING, COMPLIANCE_REJECTED);

    private final String meaning;
    private final String whatToDo;
    private final String link;

    SkipReason(String meaning, String whatToDo, String link) {
        this.meaning = meaning;
        this.whatToDo = whatToDo;
        this.link = link;
    }

    public String meaning() {
        return meaning;
    }

    /** What unblocks a hold, or null when nothing needs doing. */
    public String whatToDo() {
        return whatToDo;
    }

    /** The page where that is done, or null. */
    public String link() {
        return link;
    }

    public boolean compliance() {
        return COMPLIANCE.contains(this);
    }

    public static Set<SkipReason> complianceHolds() {
        return COMPLIANCE;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SkipReason fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Stores the reason as the lowercase word the database's check constraint lists. */
    @Converter
    public static class Column implements AttributeConverter<SkipReason, String> {
        @Override
        public String convertToDatabaseColumn(SkipReason reason) {
            return reason == null ? null : reason.dbValue();
        }

        @Override
        public SkipReason convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
