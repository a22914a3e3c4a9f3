package com.callaback.telephony;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * Twilio calls the fallback URLs when the primary ones fail (this platform is down or erroring). They must work
 * without the database, so they are not admitted like the other webhooks: they answer a fixed apology and
 * reveal nothing.
 */
@Path("/api/twilio/fallback")
public class TwilioFallbackResource {

    @Inject
    TwimlResponses twiml;

    @POST
    @Path("/voice")
    @Produces("application/xml")
    public String voiceFallback() {
        return twiml.apology();
    }

    @POST
    @Path("/sms")
    @Produces("application/xml")
    public String smsFallback() {
        return twiml.emptyMessaging();
    }
}
