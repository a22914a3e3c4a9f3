package com.callaback.compliance;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.messaging.MergeFields;
import com.callaback.tenant.Tenant;
import com.callaback.web.FieldErrors;

/** The wizard's answers as posted, checked field by field before anything goes to Twilio. */
public class RegistrationForm {

    /** Use cases offered to a business with an EIN (a sole proprietor's campaign is always SOLE_PROPRIETOR). */
    static final Set<String> COMPANY_USE_CASES = Set.of("CUSTOMER_CARE", "LOW_VOLUME", "MIXED");
    private static final Pattern EIN = Pattern.compile("[0-9]{2}-?[0-9]{7}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+1[2-9][0-9]{9}");
    private static final Pattern ZIP = Pattern.compile("[0-9]{5}(-[0-9]{4})?");
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");

    @RestForm
    public String kind;
    @RestForm
    public String businessType;
    @RestForm
    public String legalName;
    @RestForm
    public String ein;
    @RestForm
    public String street;
    @RestForm
    public String city;
    @RestForm
    public String region;
    @RestForm
    public String postalCode;
    @RestForm
    public String website;
    @RestForm
    public String contactFirstName;
    @RestForm
    public String contactLastName;
    @RestForm
    public String contactEmail;
    @RestForm
    public String contactPhone;
    @RestForm
    public String contactTitle;
    @RestForm
    public String useCase;
    @RestForm
    public String description;
    @RestForm
    public String sampleMessage1;
    @RestForm
    public String sampleMessage2;
    @RestForm
    public String messageFlow;
    @RestForm
    public String consent;

    /** The toll-free number to verify, found by the page among the business's numbers; not posted. */
    private String tollFreeNumberSid;

    /** The wizard's starting answers: a saved registration's, else the business's own texts as the samples. */
    public static RegistrationForm prefilled(Tenant tenant, TextingRegistration saved, String businessNumber) {
        RegistrationForm form = new RegistrationForm();
        if (saved != null) {
            form.kind = saved.kind;
            form.businessType = saved.businessType;
            form.legalName = saved.legalName;
            form.ein = saved.ein;
            form.street = saved.street;
            form.city = saved.city;
            form.region = saved.region;
            form.postalCode = saved.postalCode;
            form.website = saved.website;
            form.contactFirstName = saved.contactFirstName;
            form.contactLastName = saved.contactLastName;
            form.contactEmail = saved.contactEmail;
            form.contactPhone = saved.contactPhone;
            form.contactTitle = saved.contactTitle;
            form.useCase = saved.useCase;
            form.description = saved.description;
            form.sampleMessage1 = saved.sampleMessage1;
            form.sampleMessage2 = saved.sampleMessage2;
            form.messageFlow = saved.messageFlow;
            return form;
        }
        Map<String, String> fields = Map.of(MergeFields.BUSINESS_NAME, tenant.name, MergeFields.FIRST_NAME, "Sam",
                MergeFields.CONTACT_NAME, "Sam", MergeFields.BUSINESS_PHONE,
                businessNumber == null ? "" : businessNumber);
        form.kind = TextingRegistration.A2P;
        form.businessType = TextingRegistration.COMPANY;
        form.legalName = tenant.name;
        form.contactPhone = tenant.forwardingPhone;
        form.useCase = "CUSTOMER_CARE";
        form.description = tenant.name + " texts back callers whose calls it missed, to answer what they called "
                + "about and arrange a call back or a visit. Replies are read and answered by our staff.";
        form.sampleMessage1 = MergeFields.render(tenant.autoReplyText, fields) + " Reply STOP to opt out.";
        form.sampleMessage2 = MergeFields.render(tenant.helpText, fields);
        form.messageFlow = "Customers call " + tenant.name + (businessNumber == null ? "" : " at " + businessNumber)
                + ". When we miss a call we text the caller back once at the number they called from, to follow "
                + "up on their call. Callers start the conversation by calling us; they can reply STOP to opt out "
                + "or HELP for help at any time.";
        return form;
    }

    void setTollFreeNumberSid(String sid) {
        this.tollFreeNumberSid = sid;
    }

    String tollFreeNumberSid() {
        return TextingRegistration.TOLL_FREE.equals(kind) ? tollFreeNumberSid : null;
    }

    /** Throws a 400 naming every field that is wrong and why. */
    public void validate() {
        normalise();
        FieldErrors errors = new FieldErrors();
        if (!TextingRegistration.A2P.equals(kind) && !TextingRegistration.TOLL_FREE.equals(kind)) {
            errors.add("kind", "Choose a local number registration (A2P 10DLC) or toll-free verification.");
        }
        boolean sole = TextingRegistration.SOLE_PROPRIETOR.equals(businessType);
        if (!sole && !TextingRegistration.COMPANY.equals(businessType)) {
            errors.add("businessType", "Choose whether the business has an EIN or is a sole proprietor.");
        }
        required(errors, "legalName", legalName, 200, "Enter the business's legal name, as the IRS knows it.");
        if (!sole && (ein == null || !EIN.matcher(ein).matches())) {
            errors.add("ein", "Enter the business's EIN: 9 digits, like 12-3456789 (no EIN? choose sole proprietor).");
        }
        required(errors, "street", street, 200, "Enter the street address.");
        required(errors, "city", city, 100, "Enter the city.");
        if (region == null || !STATE.matcher(region).matches()) {
            errors.add("region", "Enter the state as its two-letter code, like IL.");
        }
        if (postalCode == null || !ZIP.matcher(postalCode).matches()) {
            errors.add("postalCode", "Enter a US ZIP code, like 60601.");
        }
        if (!sole && (website == null || !website.matches("https?://[^\\s.]+\\.[^\\s]+"))) {
            errors.add("website", "Enter the business's website, starting with https:// (carriers check it).");
        }
        required(errors, "contactFirstName", contactFirstName, 100, "Enter the contact's first name.");
        required(errors, "contactLastName", contactLastName, 100, "Enter the contact's last name.");
        if (contactEmail == null || !EMAIL.matcher(contactEmail).matches()) {
            errors.add("contactEmail", "Enter the contact's e-mail address.");
        }
        if (contactPhone == null || !PHONE.matcher(contactPhone).matches()) {
            errors.add("contactPhone", "Enter the contact's US mobile number as +1 and 10 digits.");
        }
        if (!sole && !COMPANY_USE_CASES.contains(useCase)) {
            errors.add("useCase", "Choose a use case: customer care, low volume or mixed.");
        }
        required(errors, "description", description, 1024, "Describe what the texts are for (40 characters at least).");
        if (description != null && description.length() < 40) {
            errors.add("description", "Describe what the texts are for in 40 characters at least.");
        }
        required(errors, "sampleMessage1", sampleMessage1, 1024, "Give a sample of a text you send.");
        required(errors, "sampleMessage2", sampleMessage2, 1024, "Give a second sample text.");
        required(errors, "messageFlow", messageFlow, 2048, "Describe how customers agree to get your texts.");
        if (messageFlow != null && messageFlow.length() < 40) {
            errors.add("messageFlow", "Describe how customers agree to get your texts in 40 characters at least.");
        }
        if (TextingRegistration.TOLL_FREE.equals(kind) && tollFreeNumberSid == null) {
            errors.add("kind", "Toll-free verification needs a toll-free number (800, 833, 844, 855, 866, 877 or "
                    + "888) among your numbers; this business has none.");
        }
        if (!"on".equals(consent) && !"true".equals(consent)) {
            errors.add("consent", "Confirm the details are true and agree to the fees to submit.");
        }
        errors.throwIfAny();
    }

    void applyTo(TextingRegistration r) {
        boolean sole = TextingRegistration.SOLE_PROPRIETOR.equals(businessType);
        r.kind = kind;
        r.businessType = businessType;
        r.legalName = legalName;
        r.ein = sole ? null : ein.length() == 9 ? ein.substring(0, 2) + "-" + ein.substring(2) : ein;
        r.street = street;
        r.city = city;
        r.region = region;
        r.postalCode = postalCode;
        r.website = website;
        r.contactFirstName = contactFirstName;
        r.contactLastName = contactLastName;
        r.contactEmail = contactEmail;
        r.contactPhone = contactPhone;
        r.contactTitle = contactTitle;
        r.useCase = sole ? "SOLE_PROPRIETOR" : useCase;
        r.description = description;
        r.sampleMessage1 = sampleMessage1;
        r.sampleMessage2 = sampleMessage2;
        r.messageFlow = messageFlow;
    }

    private void normalise() {
        legalName = strip(legalName);
        ein = strip(ein);
        street = strip(street);
        city = strip(city);
        region = region == null ? null : region.strip().toUpperCase(java.util.Locale.ROOT);
        postalCode = strip(postalCode);
        website = strip(website);
        contactFirstName = strip(contactFirstName);
        contactLastName = strip(contactLastName);
        contactEmail = strip(contactEmail);
        contactPhone = contactPhone == null ? null : contactPhone.replaceAll("[\\s().-]", "");
        contactTitle = strip(contactTitle);
        description = strip(description);
        sampleMessage1 = strip(sampleMessage1);
        sampleMessage2 = strip(sampleMessage2);
        messageFlow = strip(messageFlow);
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void required(FieldErrors errors, String field, String value, int max, String message) {
        if (value == null) {
            errors.add(field, message);
        } else if (value.length() > max) {
            errors.add(field, "Keep it under " + max + " characters.");
        }
    }
}
