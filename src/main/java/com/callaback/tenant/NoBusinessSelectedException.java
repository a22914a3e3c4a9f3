package com.callaback.tenant;

import jakarta.ws.rs.NotFoundException;

/**
 * A page or API call that works inside a business, asked by someone with no business selected (a new user who
 * has not set one up yet). A 404 for the API; browsers are sent to set up a business instead.
 */
public class NoBusinessSelectedException extends NotFoundException {

    public NoBusinessSelectedException() {
        super("No business is selected");
    }
}
