package com.callaback.dashboard.live;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.TenantAccess;
import com.callaback.tenant.TenantContext;

import io.vertx.core.http.HttpServerResponse;

/**
 * The live stream of the signed-in person's active business (server-sent events). A page opens it from the
 * position it was rendered at ({@code after}); a browser reconnecting sends the last event id it got instead. An
 * agency's stream also carries its clients' events, without their ids (its roll-up redraws on them).
 */
@Path("/live")
public class LiveResource {

    @Inject
    TenantContext tenantContext;
    @Inject
    CurrentUser currentUser;
    @Inject
    LiveStreams streams;
    @Inject
    LiveEventLog log;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("after") String after,
            @Context SseEventSink sink, @Context Sse sse, @Context HttpServerResponse response) {
        var tenantId = tenantContext.require();
        LivePosition from = lastEventId != null && !lastEventId.isBlank() ? LivePosition.parse("Last-Event-ID", lastEventId)
                : after != null && !after.isBlank() ? LivePosition.parse("after", after) : log.now();
        // Proxies must pass each event on as it comes (nginx buffers unless told not to) and cache nothing; the
        // headers go out with the stream's first comment.
        response.putHeader("X-Accel-Buffering", "no").putHeader("Cache-Control", "no-cache");
        boolean agency = currentUser.active().map(TenantAccess::agency).orElse(false);
        streams.open(tenantId, agency, currentUser.userId(), from, sink, sse);
    }
}
