package com.callaback.simulator;

import java.time.Instant;
import java.util.List;

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

    /** Segments as Twilio would bill them: 160 GSM characters, 153 per part when split. */
    public int segments() {
        int length = body == null ? 0 : body.length();
        return length <= 160 ? 1 : (length + 152) / 153;
    }
}
