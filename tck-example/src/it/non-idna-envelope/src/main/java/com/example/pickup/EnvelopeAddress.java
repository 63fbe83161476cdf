package com.example.pickup;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** The bug the TCK must catch: bare addresses, but the domain left in Unicode (MAIL FROM:<from@öäü.com>). */
final class EnvelopeAddress {

    private EnvelopeAddress() {
    }

    static String of(String address) {
        try {
            return new InternetAddress(address, false).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("PICKUP-2: invalid address", e); // refused whatever fail-silently says
        }
    }
}
