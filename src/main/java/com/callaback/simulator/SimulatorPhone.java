package com.callaback.simulator;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.callaback.tenant.TenantScoped;

/** A simulated caller's phone and how texts to it should fail, if at all (30003 unreachable, 21610 opted out). */
@Entity
@Table(name = "simulator_phones")
public class SimulatorPhone extends TenantScoped {

    @Column(name = "caller_phone")
    public String callerPhone;
    @Column(name = "failure_mode")
    public String failureMode;

    public static Optional<String> failureModeOf(String callerPhone) {
        return find("callerPhone", callerPhone).<SimulatorPhone>firstResultOptional().map(p -> p.failureMode);
    }
}
