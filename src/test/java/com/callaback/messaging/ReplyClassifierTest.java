package com.callaback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.callaback.messaging.ReplyClassifier.Category;

class ReplyClassifierTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Call me", "can you CALL ME back?", "please call", "Please call, it's urgent",
            "callback please", "Call-back when you can", "call   back", "give me a call", "Give us a ring!",
            "ring me after 5", "phone me", "Can you call?", "could you please call my cell",
            "call ASAP", "call asap!!!", "CALL\tME" })
    void asksToBeCalledIsCallback(String body) {
        assertThat(ReplyClassifier.classify(body)).isEqualTo(Category.CALLBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I need an appointment", "appt?", "Can I book for Friday", "booking for two", "I'd like to schedule",
            "need to reschedule", "are you available?", "what's your availability", "can I come in",
            "any slots left", "any openings", "next week works", "Monday is good", "how about tuesday",
            "tomorrow at 3", "Tomorrow at 3:30pm", "tomorrow morning", "tomorrow 10", "2pm tomorrow" })
    void aboutBookingATimeIsAppt(String body) {
        assertThat(ReplyClassifier.classify(body)).isEqualTo(Category.APPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "How much for a cleaning?", "thanks!", "I recall meeting you", "recall me?", "she recalled me",
            "I bought a bookshelf", "the notebook broke",
            "tomorrow", "I'll think about it tomorrow", "callers keep ringing", "that's a slothful answer" })
    void everythingElseIsLead(String body) {
        assertThat(ReplyClassifier.classify(body)).isEqualTo(Category.LEAD);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "\n\t" })
    void nullOrBlankIsLead(String body) {
        assertThat(ReplyClassifier.classify(body)).isEqualTo(Category.LEAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Can you call me to book an appointment?", "reschedule - please call", "Available tomorrow at 3, call me" })
    void callbackWinsOverAppt(String body) {
        assertThat(ReplyClassifier.classify(body)).isEqualTo(Category.CALLBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = { "please don't call me", "Do not call me, text only", "stop calling me" })
    void refusingACallIsNotACallback(String body) {
        assertThat(ReplyClassifier.classify(body)).isEqualTo(Category.LEAD);
    }

    @ParameterizedTest
    @ValueSource(strings = { "don't call me, just book me for monday" })
    void refusingACallStillLetsBookingThrough(String body) {
        assertThat(ReplyClassifier.classify(body)).isEqualTo(Category.APPT);
    }
}
