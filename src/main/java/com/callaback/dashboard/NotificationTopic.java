package com.callaback.dashboard;

import java.util.Set;

import io.quarkus.qute.TemplateEnum;

/** What a notification is about, as a person chooses which ones reach them outside the app. */
@TemplateEnum
public enum NotificationTopic {
    CALLS("Missed calls, voicemails and new leads", Set.of("missed_call", "voicemail", "new_lead")),
    REPLIES("Customer replies and opt-outs", Set.of("sms_reply", "opt_out")),
    PROBLEMS("Texts that failed or are on hold, setup and account news",
            Set.of("send_failed", "text_held", "provisioning", "billing", "system"));

    private final String label;
    private final Set<String> types;

    NotificationTopic(String label, Set<String> types) {
        this.label = label;
        this.types = types;
    }

    public String label() {
        return label;
    }

    /** The topic of a notification type; a type added later without a topic counts as a problem to hear about. */
    public static NotificationTopic of(String type) {
        for (NotificationTopic topic : values()) {
            if (topic.types.contains(type)) {
                return topic;
            }
        }
        return PROBLEMS;
    }
}
