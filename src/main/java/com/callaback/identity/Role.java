package com.callaback.identity;

import java.util.Locale;

/** What a member may do in a business: owners and admins manage it, members work its inbox and leads. */
public enum Role {
    MEMBER, ADMIN, OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** "Owner", "Admin", "Member", as pages show it. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
