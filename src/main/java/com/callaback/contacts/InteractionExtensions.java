package com.callaback.contacts;

import io.quarkus.qute.TemplateExtension;

/** How a call or text reads on a page: the outcome of a call and the route it took, in words. */
@TemplateExtension
public class InteractionExtensions {

    private static final int PREVIEW_LENGTH = 90;

    /** {@code {i.outcome}}: "Missed call: nobody picked up", "Voicemail left (0:42)", "Text received"... */
    public static String outcome(Interaction i) {
        if (i.isCall()) {
            if (i.recordingUrl != null) {
                return "Voicemail left" + duration(i);
            }
            return switch (i.status) {
                case RINGING -> "Incoming call, ringing";
                case ANSWERED -> "Answered call" + duration(i);
                case VOICEMAIL -> "Missed call: went to voicemail, no message left";
                case MISSED -> "Missed call: nobody picked up";
                default -> "Call";
            };
        }
        if (i.type == InteractionType.NOTE) {
            return "Note";
        }
        return i.isInbound() ? "Text received" : "Text sent";
    }

    /** {@code {i.routing}}: where the call was sent, or empty for texts. */
    public static String routing(Interaction i) {
        if (!i.isCall() || i.callRouting == null) {
            return "";
        }
        return "dial".equals(i.callRouting) ? "Rang your forwarding phone"
                : "Sent to voicemail (outside business hours or no forwarding phone)";
    }

    /** {@code {i.preview}}: one line for the inbox, the text itself or the call's outcome. */
    public static String preview(Interaction i) {
        if (i.isText() || i.type == InteractionType.NOTE) {
            String body = i.body == null || i.body.isBlank()
                    ? (i.mediaCount > 0 ? "(picture)" : "(empty text)") : i.body.strip();
            String line = body.length() > PREVIEW_LENGTH ? body.substring(0, PREVIEW_LENGTH) + "…" : body;
            return i.isOutbound() ? "You: " + line : line;
        }
        return outcome(i);
    }

    private static String duration(Interaction i) {
        if (i.durationSeconds == null) {
            return "";
        }
        return " (" + i.durationSeconds / 60 + ":" + String.format("%02d", i.durationSeconds % 60) + ")";
    }
}
