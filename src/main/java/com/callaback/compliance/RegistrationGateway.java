package com.callaback.compliance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.telephony.TwilioGateway;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Address;
import com.twilio.rest.messaging.v1.BrandRegistration;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.TollfreeVerification;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import com.twilio.rest.messaging.v1.service.UsAppToPerson;
import com.twilio.rest.trusthub.v1.CustomerProfiles;
import com.twilio.rest.trusthub.v1.EndUser;
import com.twilio.rest.trusthub.v1.SupportingDocument;
import com.twilio.rest.trusthub.v1.TrustProducts;
import com.twilio.rest.trusthub.v1.customerprofiles.CustomerProfilesEntityAssignments;
import com.twilio.rest.trusthub.v1.trustproducts.TrustProductsEntityAssignments;

/**
 * The Twilio SDK calls of US texting registration, on the business's subaccount. Each "ensure" first looks for what
 * an earlier, interrupted attempt may have created (by its friendly name, or its link to the object before it) and
 * creates it only when absent, so a resumed submission never makes a second one.
 */
@ApplicationScoped
public class RegistrationGateway {

    @Inject
    TwilioGateway twilio;

    /** A reviewed object's state as Twilio reports it, and the reviewers' reasons when it failed. */
    public record Review(String sid, String status, String reason) {
    }

    public String ensureEndUser(TwilioGateway.Credentials account, String name, String type,
            Map<String, Object> attributes) {
        return call("create the business's details (" + type + ")", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (EndUser user : EndUser.reader().read(client)) {
                if (name.equals(user.getFriendlyName())) {
                    return user.getSid();
                }
            }
            return EndUser.creator(name, type).setAttributes(attributes).create(client).getSid();
        });
    }

    public String ensureAddress(TwilioGateway.Credentials account, String name, String customerName, String street,
            String city, String region, String postalCode) {
        return call("create the business's address", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (Address address : Address.reader(account.accountSid()).setFriendlyName(name).read(client)) {
                if (name.equals(address.getFriendlyName())) {
                    return address.getSid();
                }
            }
            return Address.creator(account.accountSid(), customerName, street, city, region, postalCode, "US")
                    .setFriendlyName(name).create(client).getSid();
        });
    }

    public String ensureAddressDocument(TwilioGateway.Credentials account, String name, String addressSid) {
        return call("attach the business's address", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (SupportingDocument document : SupportingDocument.reader().read(client)) {
                if (name.equals(document.getFriendlyName())) {
                    return document.getSid();
                }
            }
            return SupportingDocument.creator(name, "customer_profile_address")
                    .setAttributes(Map.of("address_sids", addressSid)).create(client).getSid();
        });
    }

    /** @param statusCallback where Twilio tells of the profile's review (then the whole registration is read) */
    public String ensureCustomerProfile(TwilioGateway.Credentials account, String name, String email, String policy,
            String statusCallback) {
        return call("create the business's customer profile", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (CustomerProfiles profile : CustomerProfiles.reader().setFriendlyName(name).read(client)) {
                if (name.equals(profile.getFriendlyName())) {
                    return profile.getSid();
                }
            }
            return CustomerProfiles.creator(name, email, policy).setStatusCallback(statusCallback).create(client)
                    .getSid();
        });
    }

    /** Assigns the objects the profile does not hold yet. */
    public void assignToCustomerProfile(TwilioGateway.Credentials account, String profileSid, List<String> objects) {
        call("fill in the business's customer profile", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            Set<String> assigned = new HashSet<>();
            CustomerProfilesEntityAssignments.reader(profileSid).read(client)
                    .forEach(a -> assigned.add(a.getObjectSid()));
            for (String object : objects) {
                if (!assigned.contains(object)) {
                    CustomerProfilesEntityAssignments.creator(profileSid, object).create(client);
                }
            }
            return profileSid;
        });
    }

    /** Submits the filled-in profile for Twilio's review (again, harmlessly, when resumed). */
    public void submitCustomerProfile(TwilioGateway.Credentials account, String profileSid) {
        call("submit the business's customer profile", () -> CustomerProfiles.updater(profileSid)
                .setStatus(CustomerProfiles.Status.PENDING_REVIEW).update(twilio.clientOf(account)));
    }

    public String ensureTrustProduct(TwilioGateway.Credentials account, String name, String email, String policy,
            String statusCallback) {
        return call("create the A2P trust bundle", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (TrustProducts product : TrustProducts.reader().setFriendlyName(name).read(client)) {
                if (name.equals(product.getFriendlyName())) {
                    return product.getSid();
                }
            }
            return TrustProducts.creator(name, email, policy).setStatusCallback(statusCallback).create(client)
                    .getSid();
        });
    }

    public void assignToTrustProduct(TwilioGateway.Credentials account, String productSid, List<String> objects) {
        call("fill in the A2P trust bundle", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            Set<String> assigned = new HashSet<>();
            TrustProductsEntityAssignments.reader(productSid).read(client).forEach(a -> assigned.add(a.getObjectSid()));
            for (String object : objects) {
                if (!assigned.contains(object)) {
                    TrustProductsEntityAssignments.creator(productSid, object).create(client);
                }
            }
            return productSid;
        });
    }

    public void submitTrustProduct(TwilioGateway.Credentials account, String productSid) {
        call("submit the A2P trust bundle", () -> TrustProducts.updater(productSid)
                .setStatus(TrustProducts.Status.PENDING_REVIEW).update(twilio.clientOf(account)));
    }

    /** The brand of this customer profile: the one registered already, or a new registration. */
    public String ensureBrand(TwilioGateway.Credentials account, String customerProfileSid, String trustProductSid,
            String brandType) {
        return call("register the brand", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (BrandRegistration brand : BrandRegistration.reader().read(client)) {
                if (customerProfileSid.equals(brand.getCustomerProfileBundleSid())) {
                    return brand.getSid();
                }
            }
            return BrandRegistration.creator(customerProfileSid, trustProductSid).setBrandType(brandType)
                    .create(client).getSid();
        });
    }

    public Review brand(TwilioGateway.Credentials account, String brandSid) {
        return call("read the brand's review", () -> {
            BrandRegistration brand = BrandRegistration.fetcher(brandSid).fetch(twilio.clientOf(account));
            String reason = brand.getFailureReason();
            if ((reason == null || reason.isBlank()) && brand.getErrors() != null) {
                reason = describe(brand.getErrors());
            }
            return new Review(brandSid, brand.getStatus() == null ? null : brand.getStatus().name(), reason);
        });
    }

    /** The business's Messaging Service, the texts' sender once registered. */
    public String ensureMessagingService(TwilioGateway.Credentials account, String name, String inboundUrl) {
        return call("set up the messaging service", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (Service service : Service.reader().read(client)) {
                if (name.equals(service.getFriendlyName())) {
                    return service.getSid();
                }
            }
            // The numbers keep their own webhooks: replies still reach the platform the way they do today.
            return Service.creator(name).setInboundRequestUrl(inboundUrl).setUseInboundWebhookOnNumber(true)
                    .setUsecase("notifications").create(client).getSid();
        });
    }

    /** Adds the numbers the service does not send from yet. */
    public void addSenders(TwilioGateway.Credentials account, String serviceSid, List<String> numberSids) {
        call("add the numbers to the messaging service", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            Set<String> senders = new HashSet<>();
            PhoneNumber.reader(serviceSid).read(client).forEach(n -> senders.add(n.getSid()));
            for (String numberSid : numberSids) {
                if (!senders.contains(numberSid)) {
                    PhoneNumber.creator(serviceSid, numberSid).create(client);
                }
            }
            return serviceSid;
        });
    }

    /** The service's campaign: the one created already, or a new one. */
    public String ensureCampaign(TwilioGateway.Credentials account, String serviceSid, String brandSid,
            String description, String messageFlow, List<String> samples, String useCase) {
        return call("register the campaign", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (UsAppToPerson campaign : UsAppToPerson.reader(serviceSid).read(client)) {
                return campaign.getSid();
            }
            return UsAppToPerson.creator(serviceSid, brandSid, description, messageFlow, samples, useCase, false,
                    false).setOptOutKeywords(List.of("STOP")).setHelpKeywords(List.of("HELP")).create(client).getSid();
        });
    }

    public Review campaign(TwilioGateway.Credentials account, String serviceSid, String campaignSid) {
        return call("read the campaign's review", () -> {
            UsAppToPerson campaign = UsAppToPerson.fetcher(serviceSid, campaignSid).fetch(twilio.clientOf(account));
            return new Review(campaignSid, campaign.getCampaignStatus(),
                    campaign.getErrors() == null ? null : describe(campaign.getErrors()));
        });
    }

    /** A rejected campaign is deleted before a corrected one is submitted (a service holds one campaign). */
    public void deleteCampaign(TwilioGateway.Credentials account, String serviceSid, String campaignSid) {
        call("withdraw the rejected campaign", () -> {
            try {
                UsAppToPerson.deleter(serviceSid, campaignSid).delete(twilio.clientOf(account));
            } catch (ApiException e) {
                if (e.getStatusCode() == null || e.getStatusCode() != 404) {
                    throw e;
                }
            }
            return campaignSid;
        });
    }

    /** What a toll-free verification submits. */
    public record TollFreeRequest(String numberSid, String businessName, String website, String email,
            String summary, String sample, String street, String city, String region, String postalCode,
            String firstName, String lastName, String phone, boolean soleProprietor, String ein) {
    }

    public String ensureTollFreeVerification(TwilioGateway.Credentials account, TollFreeRequest r) {
        return call("submit the toll-free verification", () -> {
            TwilioRestClient client = twilio.clientOf(account);
            for (TollfreeVerification existing : TollfreeVerification.reader().setTollfreePhoneNumberSid(r.numberSid())
                    .read(client)) {
                if (existing.getStatus() != TollfreeVerification.Status.TWILIO_REJECTED) {
                    return existing.getSid();
                }
            }
            var creator = TollfreeVerification.creator(r.businessName(), r.website(), r.email(),
                    List.of(TollfreeVerification.UseCaseCategories.CUSTOMER_CARE), r.summary(), r.sample(),
                    List.of(r.website()), TollfreeVerification.OptInType.VERBAL, "1,000", r.numberSid())
                    .setBusinessStreetAddress(r.street()).setBusinessCity(r.city())
                    .setBusinessStateProvinceRegion(r.region()).setBusinessPostalCode(r.postalCode())
                    .setBusinessCountry("US").setBusinessContactFirstName(r.firstName())
                    .setBusinessContactLastName(r.lastName()).setBusinessContactEmail(r.email())
                    .setBusinessContactPhone(r.phone())
                    .setBusinessType(r.soleProprietor() ? TollfreeVerification.BusinessType.SOLE_PROPRIETOR
                            : TollfreeVerification.BusinessType.PRIVATE_PROFIT);
            if (r.ein() != null) {
                creator.setBusinessRegistrationNumber(r.ein())
                        .setBusinessRegistrationAuthority(TollfreeVerification.BusinessRegistrationAuthority.EIN)
                        .setBusinessRegistrationCountry("US");
            }
            return creator.create(client).getSid();
        });
    }

    public Review tollFreeVerification(TwilioGateway.Credentials account, String verificationSid) {
        return call("read the toll-free verification", () -> {
            TollfreeVerification verification = TollfreeVerification.fetcher(verificationSid)
                    .fetch(twilio.clientOf(account));
            String reason = verification.getRejectionReason();
            if ((reason == null || reason.isBlank()) && verification.getRejectionReasons() != null) {
                reason = describe(verification.getRejectionReasons());
            }
            return new Review(verificationSid,
                    verification.getStatus() == null ? null : verification.getStatus().name(), reason);
        });
    }

    /** Twilio's error objects ({code, description} or {message}) as one sentence for the owner. */
    static String describe(List<Object> errors) {
        List<String> parts = new ArrayList<>();
        for (Object error : errors) {
            if (error instanceof Map<?, ?> map) {
                Object text = map.get("description") != null ? map.get("description")
                        : map.get("reason") != null ? map.get("reason") : map.get("message");
                if (text != null) {
                    parts.add(text.toString());
                }
            } else if (error != null) {
                parts.add(error.toString());
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (TwilioException e) {
            throw TwilioGateway.failure(action, e);
        }
    }
}
