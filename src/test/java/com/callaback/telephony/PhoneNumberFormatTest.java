package com.callaback.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberFormatTest {

    @ParameterizedTest
    @CsvSource({
            "'(312) 555-0142', +13125550142",
            "'312.555.0142', +13125550142",
            "'+1 312 555 0142', +13125550142",
            "'+44 20 7946 0958', +442079460958" })
    void normalisesToE164(String raw, String e164) {
        assertThat(PhoneNumberFormat.toE164(raw)).contains(e164);
    }

    @ParameterizedTest
    @CsvSource({ "+13125550142, +13125550142", "+447946095800, +447946095800", "'(312) 555-0142', +13125550142" })
    void twilioNumbersAreTakenAsSent(String raw, String e164) {
        assertThat(PhoneNumberFormat.fromTwilio(raw)).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = { "+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253", "anonymous",
            "Restricted", "+1234" })
    void withheldCallerIdsAreNotNumbers(String raw) {
        assertThat(PhoneNumberFormat.fromTwilio(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "12", "not a number", "+1 555", "999999999999999999999", "   ",
            "+49886725575555557" })
    void rejectsWhatIsNotADialableNumber(String raw) {
        assertThat(PhoneNumberFormat.toE164(raw)).isEmpty();
    }
}
