package com.callaback.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** A text as a simulated caller's phone saw it: received from the business, or sent to it. */
@Entity
@Table(name = "simulator_messages")
public class SimulatorMessage extends TenantScoped {

    /** The business texted the phone. */
    public static final String TO_CALLER = "to_caller";
    /** The phone's owner, the simulated customer, texted the business. */
    public static final String FROM_CALLER = "from_caller";

    @Column(name = "message_sid")
    public String messageSid;
    public String direction;
    @Column(name = "caller_phone")
    public String callerPhone;
    @Column(name = "business_phone")
    public String businessPhone;
    public String body = "";
    public String status;
    @Column(name = "error_code")
    public String errorCode;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<SimulatorMessage> thread(String callerPhone) {
        return list("callerPhone = ?1 order by createdAt", callerPhone);
    }

    /** The business number that last texted this phone, so a reply goes back to it. */
    public static Optional<String> lastBusinessPhone(String callerPhone) {
        return find("callerPhone = ?1 and direction = ?2 order by createdAt desc", callerPhone, TO_CALLER)
                .<SimulatorMessage>firstResultOptional().map(m -> m.businessPhone);
    }

    /** The phones with the latest texts, most recent first. */
    public static List<String> recentCallers(int limit) {
        return getEntityManager().createQuery("select m.callerPhone from SimulatorMessage m group by m.callerPhone "
                + "order by max(m.createdAt) desc", String.class).setMaxResults(limit).getResultList();
    }

    /** Whether the simulated customer wrote this text, rather than received it from the business. */
    public boolean isFromCaller() {
        return FROM_CALLER.equals(direction);
    }

    /** Who wrote the text and how far it got, as the phone shows it: "You · sent", "Business · delivered". */
    public String label() {
        if (isFromCaller()) {
            return "failed".equals(status) ? "You · not sent" : "You · sent";
        }
        return "Business · " + status;
    }

    /** Segments as Twilio would bill them: 160 GSM characters, 153 per part when split. */
    public int segments() {
        int length = body == null ? 0 : body.length();
        return length <= 160 ? 1 : (length + 152) / 153;
    }
}
