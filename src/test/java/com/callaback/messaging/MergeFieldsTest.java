package com.callaback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MergeFieldsTest {

    @Test
    void fillsStandardFields() {
        String out = MergeFields.render("Hi {first_name}, this is {business_name}. Call us at {business_phone}.",
                Map.of("first_name", "Dana", "business_name", "Acme Plumbing", "business_phone", "(312) 555-0142"));
        assertThat(out).isEqualTo("Hi Dana, this is Acme Plumbing. Call us at (312) 555-0142.");
    }

    @Test
    void fillsAnyKeyInTheMapAndRepeatedFields() {
        assertThat(MergeFields.render("{greeting} {contact_name}! {greeting} again",
                Map.of("greeting", "Hello", "contact_name", "Dana Reyes")))
                .isEqualTo("Hello Dana Reyes! Hello again");
    }

    @Test
    void missingNamesBecomeThere() {
        Map<String, String> values = new HashMap<>();
        values.put("first_name", null);
        values.put("contact_name", "   ");
        assertThat(MergeFields.render("Hi {first_name}!", values)).isEqualTo("Hi there!");
        assertThat(MergeFields.render("Hi {contact_name}!", values)).isEqualTo("Hi there!");
        assertThat(MergeFields.render("Hi {first_name}!", Map.of())).isEqualTo("Hi there!");
    }

    @Test
    void blankValuesFallBackToGivenDefaults() {
        Map<String, String> values = new HashMap<>();
        values.put("business_name", "");
        values.put("first_name", null);
        String out = MergeFields.render("{first_name}, thanks for contacting {business_name}.", values,
                Map.of("business_name", "our office", "first_name", "Friend"));
        assertThat(out).isEqualTo("Friend, thanks for contacting our office.");
    }

    @Test
    void emptyValuesWithoutDefaultsLeaveNoDoubleSpaces() {
        String out = MergeFields.render("  Thanks from {business_name} {business_phone} team  ", Map.of());
        assertThat(out).isEqualTo("Thanks from team");
    }

    @Test
    void unknownFieldsStayAsWritten() {
        assertThat(MergeFields.render("Hi {first_name}, see {link} or {Business_Name} {}", Map.of("first_name", "Al")))
                .isEqualTo("Hi Al, see {link} or {Business_Name} {}");
    }

    @Test
    void valuesAreNotReExpandedOrTreatedAsRegexReplacements() {
        assertThat(MergeFields.render("{business_name}", Map.of("business_name", "$1 {first_name} \\ Co")))
                .isEqualTo("$1 {first_name} \\ Co");
    }

    @Test
    void nullTemplateRendersEmpty() {
        assertThat(MergeFields.render(null, Map.of())).isEmpty();
        assertThat(MergeFields.render("Hi {first_name}", null)).isEqualTo("Hi there");
    }

    @Test
    void unknownFieldsListsWhatTheTemplateCannotFill() {
        assertThat(MergeFields.unknownFields("Hi {first_name} from {biz_name}, {link} {biz_name}", MergeFields.STANDARD))
                .containsExactly("biz_name", "link");
        assertThat(MergeFields.unknownFields("Hi {first_name} at {business_phone}", MergeFields.STANDARD)).isEmpty();
        assertThat(MergeFields.unknownFields(null, Set.of())).isEmpty();
    }
}
