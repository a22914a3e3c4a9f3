package com.callaback.dashboard.live;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.callaback.identity.CurrentUser;

/**
 * Where this page's live stream starts ({@code inject:liveStart} in the layout). A page with live parts calls
 * {@link #mark()} before it reads its data; any other page takes the position when the layout asks for it.
 */
@RequestScoped
@Named("liveStart")
public class LiveStart {

    @Inject
    LiveEventLog log;
    @Inject
    CurrentUser currentUser;

    private LivePosition position;

    public void mark() {
        if (position == null) {
            position = log.now();
        }
    }

    /** Whether this page listens: a signed-in person working in a business. */
    public boolean shown() {
        return currentUser.isSignedIn() && currentUser.hasActive();
    }

    public String url() {
        mark();
        return "/live?after=" + position;
    }
}
