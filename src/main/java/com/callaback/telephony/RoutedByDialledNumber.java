package com.callaback.telephony;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A webhook that carries the business's number in {@code To} and is routed by it. Webhooks without it (status
 * callbacks, recordings, screening) are routed by the subaccount in {@code AccountSid}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RoutedByDialledNumber {
}
