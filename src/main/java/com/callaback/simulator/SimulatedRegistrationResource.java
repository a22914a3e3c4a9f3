package com.callaback.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The simulator's Twilio v1 APIs of texting registration (trusthub.twilio.com/v1 and messaging.twilio.com/v1,
 * whose paths do not overlap), authenticated like Twilio with the subaccount's SID and token.
 */
@Path("/simulator/twilio/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedRegistrationResource {

    private static final String AUTH = "Authorization";
    private static final String SID = "[A-Z]{2}[0-9a-fA-F]{32}";

    @Inject
    SimulatorConfig config;
    @Inject
    SimulatedTwilioApi api;
    @Inject
    SimulatedRegistrations registrations;

    @GET
    @Path("/{path: .+}")
    public Response read(@HeaderParam(AUTH) String auth, @PathParam("path") String path, @Context UriInfo uri) {
        return as(auth).map(account -> isItem(path)
                ? registrations.fetch(account, parent(path), lastSegment(path))
                : registrations.list(account, path, uri.getQueryParameters())).orElseGet(SimulatedTwilioApi::unauthorized);
    }

    @POST
    @Path("/{path: .+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response write(@HeaderParam(AUTH) String auth, @PathParam("path") String path,
            MultivaluedMap<String, String> form) {
        return as(auth).map(account -> isItem(path)
                ? registrations.update(account, parent(path), lastSegment(path), form)
                : registrations.create(account, path, form)).orElseGet(SimulatedTwilioApi::unauthorized);
    }

    @DELETE
    @Path("/{path: .+}")
    public Response delete(@HeaderParam(AUTH) String auth, @PathParam("path") String path) {
        return as(auth).map(account -> registrations.delete(account, parent(path), lastSegment(path)))
                .orElseGet(SimulatedTwilioApi::unauthorized);
    }

    /** The subaccount calling, when its credentials check out. */
    private Optional<String> as(String auth) {
        if (!config.enabled()) {
            throw new NotFoundException();
        }
        if (auth == null || !auth.startsWith("Basic ")) {
            return Optional.empty();
        }
        String user;
        try {
            user = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String account = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return api.subaccount(account, auth).map(caller -> caller.account().accountSid());
    }

    private static boolean isItem(String path) {
        return lastSegment(path).matches(SID) && path.contains("/");
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
