package com.callaback.followups;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.callaback.telephony.TwilioErrorCode;

import io.quarkus.qute.TemplateExtension;

/** What the follow-ups page computes for display: a failure in plain words, a time as a form's local value. */
@TemplateExtension
public class FollowUpExtensions {

    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** "The phone was switched off or out of coverage. Try again later or call them." */
    static String problem(FollowUp followUp) {
        String described = TwilioErrorCode.describe(followUp.lastErrorCode);
        return described.isEmpty() ? (followUp.lastError == null ? "" : followUp.lastError) : described;
    }

    /** The scheduled time as a {@code datetime-local} input shows it, in the business's zone. */
    static String localInput(FollowUp followUp, String zone) {
        return followUp.scheduledAt == null ? ""
                : LOCAL_INPUT.format(followUp.scheduledAt.atZone(ZoneId.of(zone)));
    }
}
