package com.callaback.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.callaback.identity.CurrentUser;

/** The unread count beside "Notifications" in the header ({@code inject:notificationBadge}), counted once a page. */
@RequestScoped
@Named("notificationBadge")
public class NotificationBadge {

    /** Counting stops here: the header shows "99+" beyond. */
    static final int CAP = 100;

    @Inject
    CurrentUser currentUser;
    @Inject
    NotificationService notifications;

    private Long count;

    public long count() {
        if (count == null) {
            count = currentUser.isSignedIn() && currentUser.hasActive()
                    ? notifications.unreadCount(currentUser.userId(), CAP) : 0L;
        }
        return count;
    }

    public String label() {
        return count() >= CAP ? "99+" : String.valueOf(count());
    }

    public boolean shown() {
        return count() > 0;
    }
}
