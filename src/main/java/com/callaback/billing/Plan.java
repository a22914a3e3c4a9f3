package com.callaback.billing;

import java.math.BigDecimal;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What a business pays for and what it may use: a row of the global {@code plans} table (V17). */
@Entity
@Table(name = "plans")
public class Plan extends PanacheEntityBase {

    public static final String STARTER = "starter";

    @Id
    public String code;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "sort_order")
    public int sortOrder;
    @Column(name = "monthly_price")
    public BigDecimal monthlyPrice;
    public String currency;
    @Column(name = "included_segments")
    public int includedSegments;
    @Column(name = "price_per_extra_segment")
    public BigDecimal pricePerExtraSegment;
    @Column(name = "max_numbers")
    public int maxNumbers;
    @Column(name = "max_team_members")
    public int maxTeamMembers;
    @Column(name = "max_client_businesses")
    public int maxClientBusinesses;
    @Column(name = "stripe_price_id")
    public String stripePriceId;
    @Column(name = "stripe_metered_price_id")
    public String stripeMeteredPriceId;

    public String displayName() {
        return displayName;
    }

    public int maxNumbers() {
        return maxNumbers;
    }

    public int maxUsers() {
        return maxTeamMembers;
    }

    /** The plan stored on a business; an unknown value falls back to the smallest plan. */
    public static Plan of(String stored) {
        Plan plan = stored == null ? null : findById(stored);
        return plan != null ? plan : findById(STARTER);
    }

    public static List<Plan> listInOrder() {
        return list("order by sortOrder");
    }

    /** The plan whose flat Stripe price this is, if any. */
    public static Plan findByStripePrice(String priceId) {
        return priceId == null ? null : find("stripePriceId", priceId).firstResult();
    }
}
