package com.callaback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "STOP", "stop", " Stop ", "STOP.", "stop!", "stop!!", "STOPALL", "unsubscribe", "End", "quit",
            "cancel", "revoke", "optout", "opt out", "OPT-OUT", "opt  out.", "\tStop\n" })
    void optOutKeywords(String body) {
        assertThat(SmsKeyword.of(body)).isEqualTo(SmsKeyword.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = { "START", "start", "Unstop", "yes", "YES!", " yes. " })
    void optInKeywords(String body) {
        assertThat(SmsKeyword.of(body)).isEqualTo(SmsKeyword.OPT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = { "HELP", "help?", "Info", "info." })
    void helpKeywords(String body) {
        assertThat(SmsKeyword.of(body)).isEqualTo(SmsKeyword.HELP);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "please stop calling me at work", "stop by tomorrow?", "Yes please", "help me book", "stopp",
            "STOP IT", "not stop", ".stop", "opt", "  " })
    void anythingButTheWholeMessageIsNone(String body) {
        assertThat(SmsKeyword.of(body)).isEqualTo(SmsKeyword.NONE);
    }

    @ParameterizedTest
    @CsvSource(value = { "STOP,OPT_OUT", "START,OPT_IN", "HELP,HELP", "stop,OPT_OUT", "OTHER,NONE", "'',NONE",
            "NULL,NONE" }, nullValues = "NULL")
    void mapsTwilioOptOutType(String optOutType, SmsKeyword expected) {
        assertThat(SmsKeyword.fromTwilioOptOutType(optOutType)).isEqualTo(expected);
    }
}
