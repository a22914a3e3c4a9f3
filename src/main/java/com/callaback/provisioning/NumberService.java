package com.callaback.provisioning;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import com.callaback.billing.Plan;
import com.callaback.billing.PlanLimits;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** A business's numbers after setup: add one (within the plan), release one, retry setup, close the business. */
@ApplicationScoped
public class NumberService {

    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    ProvisioningService provisioning;
    @Inject
    BusinessClosing closing;

    public void retry(UUID tenantId) {
        tenantScope.run(tenantId, () -> {
            Tenant tenant = Tenant.findById(tenantId);
            if (!"failed".equals(tenant.provisioningStatus) && !"none".equals(tenant.provisioningStatus)) {
                throw new ClientErrorException("Setup is not stuck: it is " + tenant.provisioningStatus + ".", 409);
            }
            tenant.provisioningStatus = "pending";
            tenant.provisioningError = null;
        });
    }

    /** Buys one more local number (search and purchase while the person waits). */
    public PhoneNumber add(UUID tenantId) {
        return add(tenantId, false);
    }

    /** Buys one more number, local or toll-free, within the plan's numbers. */
    public PhoneNumber add(UUID tenantId, boolean tollFree) {
        Tenant tenant = tenantScope.call(tenantId, () -> Tenant.<Tenant>findById(tenantId));
        Plan plan = Plan.of(tenant.plan);
        int max = PlanLimits.maxNumbers(tenant);
        long active = tenantScope.call(tenantId, () -> (long) PhoneNumber.listActive().size());
        if (active >= max) {
            throw new ClientErrorException("The " + plan.displayName() + " plan" + (max < plan.maxNumbers()
                    ? " during the free trial" : "") + " includes " + max + " number" + (max == 1 ? "" : "s")
                    + ". " + PlanLimits.UPGRADE, 409);
        }
        TwilioGateway.Credentials account = tenantScope.call(tenantId, () -> credentials.forNumber(null));
        if (account == null) {
            throw new ClientErrorException("Your Twilio account is still being set up.", 409);
        }
        return tollFree ? provisioning.buyTollFreeNumber(tenantId, account) : provisioning.buyNumber(tenantId, account);
    }

    public void release(UUID tenantId, UUID numberId) {
        PhoneNumber number = tenantScope.call(tenantId, () -> PhoneNumber.findById(numberId));
        if (number == null || !"active".equals(number.status)) {
            throw new NotFoundException("No active number with that id");
        }
        closing.release(tenantId, numberId);
    }

    /** Marks the business closing; the worker releases its numbers and closes its subaccount. */
    public void close(UUID tenantId) {
        // One statement, so a worker claiming the setup at the same moment cannot interleave with it.
        int closed = tenantScope.call(tenantId, () -> Tenant.update("status = 'closing', "
                + "provisioningStatus = 'closing', provisioningStep = 'close', provisioningLeaseUntil = null "
                + "where id = ?1 and provisioningStatus <> 'running'", tenantId));
        if (closed == 0) {
            throw new ClientErrorException("Your number is being set up right now. Close the business in a minute, "
                    + "when setup has finished.", 409);
        }
    }
}
