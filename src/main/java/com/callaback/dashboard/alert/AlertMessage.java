package com.callaback.dashboard.alert;

import java.util.List;

import com.callaback.dashboard.Notification;

/**
 * The words of one alert: a single notification as itself, several as one digest listing them all, so a busy
 * hour is one message instead of a flood. Links are absolute (they are opened from a mail or a phone).
 */
public record AlertMessage(String subject, String text) {

    /** A text stays within two SMS segments or so: the first titles, then how many more. */
    private static final int TITLES_IN_A_TEXT = 3;

    public static AlertMessage email(String businessName, List<Notification> notifications, String baseUrl) {
        StringBuilder text = new StringBuilder();
        String subject;
        if (notifications.size() == 1) {
            Notification only = notifications.get(0);
            subject = only.title + " · " + businessName;
            text.append(only.title).append('\n');
            if (only.body != null && !only.body.isBlank()) {
                text.append(only.body).append('\n');
            }
            text.append('\n').append("Open it: ").append(openUrl(baseUrl, only)).append('\n');
        } else {
            subject = notifications.size() + " new notifications · " + businessName;
            text.append(notifications.size()).append(" new notifications at ").append(businessName).append(":\n\n");
            for (Notification n : notifications) {
                text.append("- ").append(n.title).append('\n');
                if (n.body != null && !n.body.isBlank()) {
                    text.append("  ").append(n.body).append('\n');
                }
                text.append("  ").append(openUrl(baseUrl, n)).append("\n\n");
            }
            text.append("All notifications: ").append(baseUrl).append("/notifications\n");
        }
        text.append("\nYou get this because email alerts are on for you at ").append(businessName)
                .append(" (open that business in Callaback to follow the links). Change them: ")
                .append(baseUrl).append("/notifications/preferences\n");
        // A title carries a caller's name, which a person typed: a subject is one line whatever it holds.
        return new AlertMessage(subject.replaceAll("[\\r\\n\\t\\x00-\\x1f]+", " ").strip(), text.toString());
    }

    public static AlertMessage text(String businessName, List<Notification> notifications, String baseUrl) {
        String body;
        if (notifications.size() == 1) {
            Notification only = notifications.get(0);
            body = businessName + ": " + only.title + ". " + openUrl(baseUrl, only);
        } else {
            StringBuilder titles = new StringBuilder();
            List<Notification> first = notifications.subList(0, Math.min(TITLES_IN_A_TEXT, notifications.size()));
            for (Notification n : first) {
                titles.append(titles.isEmpty() ? "" : "; ").append(n.title);
            }
            int more = notifications.size() - first.size();
            body = businessName + ": " + notifications.size() + " new notifications: " + titles
                    + (more > 0 ? " and " + more + " more" : "") + ". " + baseUrl + "/notifications";
        }
        return new AlertMessage(null, body);
    }

    private static String openUrl(String baseUrl, Notification notification) {
        return baseUrl + "/notifications/" + notification.id + "/open";
    }
}
