package com.callaback.dashboard;

import java.util.Map;

/**
 * One business's figures over one period. A missed call is recovered when the caller texted back or the business
 * called them back (a call placed to them, or a call-back task marked done) after it. The reply rate and the
 * time to first reply are per caller texted in the period: from the first text of the period to their next text.
 * Texts count every text handed to Twilio, the automatic ones included.
 */
public record PeriodFigures(Period period, long missedCalls, long recoveredCalls, long textsSent, long textsDelivered,
        long textsFailed, long callersTexted, long callersReplied, Long medianSecondsToReply,
        Map<String, Long> leadsByStage, Map<String, Long> leadsByCategory) {

    public static final java.util.List<String> STAGES = java.util.List.of("new", "contacted", "qualified", "won", "lost");
    public static final java.util.List<String> CATEGORIES = java.util.List.of("LEAD", "APPT", "CALLBACK");

    /** Share of callers texted in the period who replied, in whole percent; 0 when nobody was texted. */
    public int replyRatePercent() {
        return percent(callersReplied, callersTexted);
    }

    public int recoveredPercent() {
        return percent(recoveredCalls, missedCalls);
    }

    public int deliveredPercent() {
        return percent(textsDelivered, textsSent);
    }

    public long leadsWon() {
        return leadsByStage.getOrDefault("won", 0L);
    }

    public long leads() {
        return leadsByStage.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "4 min", "2 h 5 min", "—" when nobody replied. */
    public String medianReply() {
        if (medianSecondsToReply == null) {
            return "—";
        }
        long minutes = Math.round(medianSecondsToReply / 60.0);
        if (medianSecondsToReply < 60) {
            return medianSecondsToReply + " s";
        }
        return minutes < 60 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    private static int percent(long part, long whole) {
        return whole == 0 ? 0 : (int) Math.round(100.0 * part / whole);
    }
}
