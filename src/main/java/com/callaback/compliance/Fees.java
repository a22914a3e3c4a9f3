package com.callaback.compliance;

/** What Twilio charges for a registration, shown to the owner before submitting and recorded as it is incurred. */
public record Fees(int brandCents, int campaignCents, int monthlyCents) {

    public static Fees of(ComplianceConfig config, String kind, String businessType) {
        if (TextingRegistration.TOLL_FREE.equals(kind)) {
            return new Fees(0, 0, 0); // Twilio does not charge for toll-free verification
        }
        boolean sole = TextingRegistration.SOLE_PROPRIETOR.equals(businessType);
        return new Fees(sole ? config.soleProprietorBrandFeeCents() : config.standardBrandFeeCents(),
                config.campaignVettingFeeCents(),
                sole ? config.soleProprietorCampaignMonthlyCents() : config.standardCampaignMonthlyCents());
    }

    public int oneTimeCents() {
        return brandCents + campaignCents;
    }

    public String brand() {
        return dollars(brandCents);
    }

    public String campaign() {
        return dollars(campaignCents);
    }

    public String monthly() {
        return dollars(monthlyCents);
    }

    public String oneTime() {
        return dollars(oneTimeCents());
    }

    static String dollars(int cents) {
        return String.format("$%d.%02d", cents / 100, cents % 100);
    }
}
