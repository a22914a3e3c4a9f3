package com.callaback.identity;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The team page's old address: bookmarks and old links move on to /settings/team. */
@Path("/team")
public class TeamRedirectResource {

    @GET
    public Response moved() {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/settings/team")).build();
    }
}
