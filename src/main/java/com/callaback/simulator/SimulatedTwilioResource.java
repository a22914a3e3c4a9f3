package com.callaback.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.callaback.telephony.TwilioEndpoint;

/**
 * A stand-in for the parts of Twilio's REST API the platform uses (subaccounts, numbers, messages), served by
 * the app itself when the simulator is on. The real Twilio SDK talks to it over HTTP.
 */
@Path("/simulator/twilio/2010-04-01")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedTwilioResource {

    private static final String AUTH = "Authorization";

    @Inject
    SimulatorConfig config;
    @Inject
    SimulatedTwilioApi api;
    @Inject
    SimulatedMessages messages;
    @Inject
    SimulatedRegistrations registrations;

    @GET
    @Path("/Accounts.json")
    public Response listSubaccounts(@HeaderParam(AUTH) String auth, @QueryParam("FriendlyName") String name) {
        requireOn();
        // The simulator keeps no subaccounts of its own: every lookup is a miss, so a retry creates a new one.
        return api.isMaster(auth) ? ok(SimulatedTwilioApi.page("accounts", "/2010-04-01/Accounts.json", List.of()))
                : SimulatedTwilioApi.unauthorized();
    }

    @POST
    @Path("/Accounts.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createSubaccount(@HeaderParam(AUTH) String auth, MultivaluedMap<String, String> form) {
        requireOn();
        if (!api.isMaster(auth)) {
            return SimulatedTwilioApi.unauthorized();
        }
        return Response.status(201).entity(account(SimulatedTwilioApi.newSid("AC"), form.getFirst("FriendlyName"),
                SimulatedTwilioApi.newSid("").toLowerCase(), "active")).build();
    }

    @POST
    @Path("/Accounts/{account}.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateSubaccount(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            MultivaluedMap<String, String> form) {
        requireOn();
        if (!api.isMaster(auth)) {
            return SimulatedTwilioApi.unauthorized();
        }
        String status = form.getFirst("Status") == null ? "active" : form.getFirst("Status");
        return ok(account(account, null, null, status));
    }

    @GET
    @Path("/Accounts/{account}/AvailablePhoneNumbers/{country}/Local.json")
    public Response availableNumbers(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            @QueryParam("AreaCode") String areaCode, @QueryParam("NearNumber") String nearNumber) {
        requireOn();
        if (api.subaccount(account, auth).isEmpty()) {
            return SimulatedTwilioApi.unauthorized();
        }
        String area = areaCode != null ? areaCode
                : nearNumber != null && nearNumber.startsWith("+1") && nearNumber.length() >= 5
                        ? nearNumber.substring(2, 5) : "312";
        List<Map<String, Object>> numbers = api.freeNumbers(area, 5).stream().map(e164 -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("phone_number", e164);
            n.put("friendly_name", e164);
            n.put("iso_country", "US");
            n.put("capabilities", Map.of("voice", true, "SMS", true, "MMS", true));
            return n;
        }).toList();
        return ok(SimulatedTwilioApi.page("available_phone_numbers", "/2010-04-01/Accounts/" + account
                + "/AvailablePhoneNumbers/US/Local.json", numbers));
    }

    @GET
    @Path("/Accounts/{account}/AvailablePhoneNumbers/{country}/TollFree.json")
    public Response availableTollFreeNumbers(@HeaderParam(AUTH) String auth, @PathParam("account") String account) {
        requireOn();
        if (api.subaccount(account, auth).isEmpty()) {
            return SimulatedTwilioApi.unauthorized();
        }
        List<Map<String, Object>> numbers = api.freeNumbers("888", 5).stream().map(e164 -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("phone_number", e164);
            n.put("friendly_name", e164);
            n.put("iso_country", "US");
            n.put("capabilities", Map.of("voice", true, "SMS", true, "MMS", true));
            return n;
        }).toList();
        return ok(SimulatedTwilioApi.page("available_phone_numbers", "/2010-04-01/Accounts/" + account
                + "/AvailablePhoneNumbers/US/TollFree.json", numbers));
    }

    @GET
    @Path("/Accounts/{account}/IncomingPhoneNumbers.json")
    public Response ownedNumbers(@HeaderParam(AUTH) String auth, @PathParam("account") String account) {
        requireOn();
        return api.subaccount(account, auth).isEmpty() ? SimulatedTwilioApi.unauthorized()
                : ok(SimulatedTwilioApi.page("incoming_phone_numbers", "/2010-04-01/Accounts/" + account
                        + "/IncomingPhoneNumbers.json", List.of()));
    }

    @POST
    @Path("/Accounts/{account}/IncomingPhoneNumbers.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response buyNumber(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            MultivaluedMap<String, String> form) {
        requireOn();
        if (api.subaccount(account, auth).isEmpty()) {
            return SimulatedTwilioApi.unauthorized();
        }
        Optional<String> sold = api.sell(form.getFirst("PhoneNumber"));
        if (sold.isEmpty()) {
            return SimulatedTwilioApi.error(400, 21422, "Phone number is not available");
        }
        return Response.status(201).entity(number(account, SimulatedTwilioApi.newSid("PN"), sold.get(), form))
                .build();
    }

    @POST
    @Path("/Accounts/{account}/IncomingPhoneNumbers/{number}.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response configureNumber(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            @PathParam("number") String numberSid, MultivaluedMap<String, String> form) {
        requireOn();
        return api.subaccount(account, auth).isEmpty() ? SimulatedTwilioApi.unauthorized()
                : ok(number(account, numberSid, form.getFirst("PhoneNumber"), form));
    }

    @DELETE
    @Path("/Accounts/{account}/IncomingPhoneNumbers/{number}.json")
    public Response releaseNumber(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            @PathParam("number") String numberSid) {
        requireOn();
        return api.subaccount(account, auth).isEmpty() ? SimulatedTwilioApi.unauthorized()
                : Response.noContent().build();
    }

    @POST
    @Path("/Accounts/{account}/Messages.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendMessage(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            MultivaluedMap<String, String> form) {
        requireOn();
        return api.subaccount(account, auth).map(caller -> messages.accept(caller, form))
                .orElseGet(SimulatedTwilioApi::unauthorized);
    }

    @GET
    @Path("/Accounts/{account}/Messages/{sid}.json")
    public Response fetchMessage(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            @PathParam("sid") String sid) {
        requireOn();
        return api.subaccount(account, auth).map(caller -> messages.describe(caller, sid))
                .orElseGet(SimulatedTwilioApi::unauthorized);
    }

    @GET
    @Path("/Accounts/{account}/Addresses.json")
    public Response listAddresses(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            @QueryParam("FriendlyName") String friendlyName) {
        requireOn();
        return api.subaccount(account, auth).isEmpty() ? SimulatedTwilioApi.unauthorized()
                : registrations.listAddresses(account, friendlyName);
    }

    @POST
    @Path("/Accounts/{account}/Addresses.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createAddress(@HeaderParam(AUTH) String auth, @PathParam("account") String account,
            MultivaluedMap<String, String> form) {
        requireOn();
        return api.subaccount(account, auth).isEmpty() ? SimulatedTwilioApi.unauthorized()
                : registrations.createAddress(account, form);
    }

    private void requireOn() {
        if (!config.enabled()) {
            throw new NotFoundException();
        }
    }

    private static Map<String, Object> account(String sid, String friendlyName, String authToken, String status) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("sid", sid);
        account.put("friendly_name", friendlyName);
        account.put("auth_token", authToken);
        account.put("status", status);
        account.put("type", "Full");
        account.put("owner_account_sid", TwilioEndpoint.SIMULATED_MASTER.accountSid());
        return account;
    }

    private static Map<String, Object> number(String account, String sid, String e164,
            MultivaluedMap<String, String> form) {
        Map<String, Object> number = new LinkedHashMap<>();
        number.put("sid", sid);
        number.put("account_sid", account);
        number.put("phone_number", e164);
        number.put("voice_url", form.getFirst("VoiceUrl"));
        number.put("sms_url", form.getFirst("SmsUrl"));
        number.put("status_callback", form.getFirst("StatusCallback"));
        return number;
    }

    private static Response ok(Object body) {
        return Response.ok(body).build();
    }
}
