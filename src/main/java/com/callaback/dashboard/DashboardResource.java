package com.callaback.dashboard;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.callaback.dashboard.live.LiveStart;
import com.callaback.identity.CurrentUser;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The home page of the active business; a person with no business yet is sent to set one up. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    OverviewService overviews;
    @Inject
    LiveStart liveStart;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Overview overview);
    }

    @GET
    public Response overview() {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        liveStart.mark();
        return Response.ok(Templates.overview(overviews.overview())).build();
    }
}
