package com.callaback.settings;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.Paging;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The audit log page (owners only): who changed settings and the team, and when. */
@Path("/settings/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditLogResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    AuditLogService auditLog;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(AuditLogService.LogPage log);
    }

    @GET
    public Response index(@QueryParam("page") Integer page) {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        currentUser.requireRole(Role.OWNER);
        return Response.ok(Templates.index(auditLog.page(Paging.pageNumber(page)))).build();
    }
}
