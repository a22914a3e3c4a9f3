package com.callaback.agency;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.dashboard.FiguresService;
import com.callaback.dashboard.Period;
import com.callaback.dashboard.PeriodFigures;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

/**
 * The agency roll-up: each client's figures, computed inside that client (its own transaction, its own row-level
 * security) with the same statements as its overview, so the automatic texts count as they do there.
 */
@ApplicationScoped
public class AgencyRollUpService {

    @Inject
    TenantScope scope;
    @Inject
    FiguresService figures;

    public RollUp rollUp(List<Tenant> clients, Period period, String sort, String direction) {
        List<ClientFigures> rows = new ArrayList<>();
        for (Tenant client : clients) {
            rows.add(scope.call(client.id, () -> figuresOf(client, period)));
        }
        return RollUp.sorted(period, sort, direction, rows);
    }

    private ClientFigures figuresOf(Tenant client, Period period) {
        PeriodFigures counted = figures.figures(FiguresService.zoneOf(client.timezone)).get(period);
        List<PhoneNumber> numbers = PhoneNumber.listActive();
        long held = FollowUp.count("status", FollowUpStatus.HELD);
        List<String> problems = new ArrayList<>();
        if ("failed".equals(client.provisioningStatus)) {
            problems.add("Number setup failed");
        } else if (numbers.isEmpty() && !"pending".equals(client.provisioningStatus)
                && !"running".equals(client.provisioningStatus)) {
            problems.add("No number");
        }
        if (held > 0) {
            problems.add(held + (held == 1 ? " text held" : " texts held"));
        }
        if (counted.textsFailed() > 0) {
            problems.add(counted.textsFailed() + (counted.textsFailed() == 1 ? " text failed" : " texts failed"));
        }
        if (client.textingOnHold()) {
            problems.add("Texting registration not approved");
        }
        if (client.billingStopsTexts()) {
            problems.add("Billing " + client.billingStatus.replace('_', ' '));
        }
        String number = numbers.isEmpty() ? null : numbers.get(0).e164;
        return new ClientFigures(client.id, client.name, client.slug, counted, number, client.provisioningStatus,
                client.complianceStatus, held, List.copyOf(problems));
    }
}
