package com.callaback.web;

/** One thing wrong with one input field, said so a person can fix it. */
public record FieldError(String field, String message) {
}
