package com.callaback.telephony;

import java.util.UUID;

/** A verified voice webhook: the business, the number dialled, the call and the caller's E.164 number (null when withheld). */
public record TwilioGuardedCall(UUID tenantId, UUID phoneNumberId, String callSid, String caller) {
}
