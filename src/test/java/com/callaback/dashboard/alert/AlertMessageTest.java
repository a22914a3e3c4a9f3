package com.callaback.dashboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.callaback.dashboard.Notification;

/** The words of alerts: one notification as itself, several as a digest, a text kept short. */
class AlertMessageTest {

    private static final String BASE = "https://app.example";

    @Test
    void oneNotificationIsSentAsItselfWithItsLink() {
        Notification only = notification("Missed call from Ann", "Nobody picked up.");
        AlertMessage mail = AlertMessage.email("Ann's Bakery", List.of(only), BASE);
        assertThat(mail.subject()).isEqualTo("Missed call from Ann · Ann's Bakery");
        assertThat(mail.text()).startsWith("Missed call from Ann\nNobody picked up.\n")
                .contains(BASE + "/notifications/" + only.id + "/open", BASE + "/notifications/preferences");
        assertThat(AlertMessage.text("Ann's Bakery", List.of(only), BASE).text())
                .isEqualTo("Ann's Bakery: Missed call from Ann. " + BASE + "/notifications/" + only.id + "/open");
    }

    @Test
    void aSubjectIsOneLineWhateverTheCallersNameHolds() {
        Notification forged = notification("Missed call from Eve\r\nBcc: victim@example.com", null);
        assertThat(AlertMessage.email("Shop", List.of(forged), BASE).subject())
                .isEqualTo("Missed call from Eve Bcc: victim@example.com · Shop").doesNotContain("\r", "\n");
    }

    @Test
    void severalAreOneDigestAndATextNamesTheFirstThree() {
        List<Notification> five = IntStream.rangeClosed(1, 5).mapToObj(i -> notification("Call " + i, null)).toList();
        AlertMessage mail = AlertMessage.email("Shop", five, BASE);
        assertThat(mail.subject()).isEqualTo("5 new notifications · Shop");
        assertThat(mail.text()).contains("Call 1", "Call 2", "Call 3", "Call 4", "Call 5", BASE + "/notifications\n");
        assertThat(AlertMessage.text("Shop", five, BASE).text())
                .isEqualTo("Shop: 5 new notifications: Call 1; Call 2; Call 3 and 2 more. " + BASE + "/notifications");
    }

    @Test
    void openingLeadsOnlyToAPageOfThisApp() {
        assertThat(withLink("/contacts/42").target()).isEqualTo("/contacts/42");
        assertThat(withLink("//evil.example/x").target()).isEqualTo("/notifications");
        assertThat(withLink("https://evil.example").target()).isEqualTo("/notifications");
        assertThat(withLink("/\\evil.example").target()).isEqualTo("/notifications");
        assertThat(withLink(null).target()).isEqualTo("/notifications");
    }

    private static Notification notification(String title, String body) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.title = title;
        n.body = body;
        return n;
    }

    private static Notification withLink(String link) {
        Notification n = notification("x", null);
        n.link = link;
        return n;
    }
}
