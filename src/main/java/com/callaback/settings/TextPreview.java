package com.callaback.settings;

/**
 * A message as a sample caller would receive it, with what it costs to send: its length and the number of SMS
 * segments (160 GSM-7 characters in one, 153 each when split; 70 and 67 once any character needs Unicode).
 */
public record TextPreview(String text, int characters, int segments, boolean unicode) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    public static TextPreview of(String text) {
        String body = text == null ? "" : text;
        int septets = 0;
        boolean unicode = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENDED.indexOf(c) >= 0) {
                septets += 2;
            } else {
                unicode = true;
            }
        }
        int units = unicode ? body.length() : septets;
        int single = unicode ? 70 : 160;
        int part = unicode ? 67 : 153;
        int segments = units == 0 ? 0 : units <= single ? 1 : (units + part - 1) / part;
        return new TextPreview(body, body.codePointCount(0, body.length()), segments, unicode);
    }
}
