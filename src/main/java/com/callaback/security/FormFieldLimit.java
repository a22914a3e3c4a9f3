package com.callaback.security;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import com.callaback.web.InvalidInputException;

/**
 * The backstop for every form of the product: no field may be longer than twice the longest one any form stores (a
 * contact's notes, 5,000 characters), answered with a 400 naming the field and the limit. Below that each form
 * checks its own, tighter limits and answers beside the field; Twilio's webhooks have theirs
 * ({@link com.callaback.telephony.TwilioRequest}).
 */
public class FormFieldLimit {

    public static final int MAX_CHARACTERS = 10_000;
    private static final int MAX_NAME_SHOWN = 40;

    @WithFormRead
    @ServerRequestFilter
    public Optional<Response> check(ResteasyReactiveContainerRequestContext context) {
        FormData form = ((ResteasyReactiveRequestContext) context.getServerRequestContext()).getFormData();
        if (form == null) {
            return Optional.empty();
        }
        for (String name : form) {
            for (FormValue value : form.get(name)) {
                if (!value.isFileItem() && value.getValue() != null && value.getValue().length() > MAX_CHARACTERS) {
                    throw new InvalidInputException(name.length() > MAX_NAME_SHOWN ? "a field" : name,
                            "may be at most " + MAX_CHARACTERS + " characters, not " + value.getValue().length());
                }
            }
        }
        return Optional.empty();
    }
}
