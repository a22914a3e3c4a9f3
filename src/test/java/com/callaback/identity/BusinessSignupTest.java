package com.callaback.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.callaback.web.FieldErrors;

class BusinessSignupTest {

    @Test
    void slugsAreReadableAsciiAndBounded() {
        assertThat(BusinessSignup.slugOf("Café Olé & Sons, LLC")).isEqualTo("cafe-ole-sons-llc");
        assertThat(BusinessSignup.slugOf("!!!")).isEqualTo("business");
        assertThat(BusinessSignup.slugOf("a".repeat(80))).hasSize(50);
    }

    @Test
    void validFormIsNormalised() {
        FieldErrors errors = new FieldErrors();
        BusinessForm valid = new BusinessForm("  Lakeside  ", "America/Chicago", "312-555-0142", "312", false)
                .validated(errors);
        assertThat(errors.isEmpty()).isTrue();
        assertThat(valid.name()).isEqualTo("Lakeside");
        assertThat(valid.forwardingPhone()).isEqualTo("+13125550142");
    }

    @Test
    void everyBadFieldIsNamed() {
        FieldErrors errors = new FieldErrors();
        new BusinessForm("", "UTC", "abc", "012", false).validated(errors);
        assertThat(errors.list()).extracting(e -> e.field())
                .containsExactly("name", "timezone", "forwardingPhone", "areaCode");
    }
}
