package com.callaback.jobs;

import java.util.UUID;

/** One claimed row: the business it belongs to, so the job enters that business, and its id. */
public record JobClaim(UUID tenantId, UUID id) {
}
